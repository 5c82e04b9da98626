import { ApiError, call } from '@guichet/server/kit';
import { API } from '@guichet/server/protocol';

export type {
  CallOrderReport,
  CallOrderRow,
  EstimateRow,
  EstimatesReport,
  LabelledRow,
  OpenRateReport,
  StaffReport,
  StaffRow,
  SummaryReport,
  TicketReportRow,
  TicketsPage,
} from '@guichet/server/kit';

/**
 * The report reads: GET /branches/:branchId/reports/{summary,tickets,estimates,staff} through
 * the kit's typed `call` (routes `reports:*` of the protocol's route map). The CSV / XLSX
 * exports of the same routes are files: the kit's `call` parses JSON, so `downloadExport`
 * fetches the file body itself, with the same bearer token, timeout and ApiError.
 */
export type GroupBy = 'day' | 'hour' | 'weekday-hour' | 'service' | 'counter' | 'clerk';
/** The reports the server exports as CSV / XLSX. */
export type ExportKind = 'summary' | 'tickets' | 'open-rate' | 'call-order';
export interface Period {
  from: string;
  to: string;
}
export interface TicketFilter {
  serviceId?: string;
  counterId?: string;
  clerkId?: string;
}

const TIMEOUT_MS = 60_000;
/** Exports of long periods take the server minutes; the download waits that long. */
const EXPORT_TIMEOUT_MS = 15 * 60_000;

export function reportUrl(branchId: string, kind: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v);
  return `${API}/branches/${encodeURIComponent(branchId)}/reports/${kind}?${q}`;
}

async function send(url: string, token: string, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: controller.signal,
      credentials: 'omit',
    });
    if (response.ok) return response;
    const text = await response.text();
    let err: { code?: string; message?: string } | undefined;
    try {
      err = (JSON.parse(text) as { error?: typeof err }).error;
    } catch {
      err = undefined;
    }
    throw new ApiError(
      response.status,
      (err?.code ?? `HTTP_${response.status}`) as never,
      err?.message ?? response.statusText,
    );
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

const drop = <Q extends Record<string, string | undefined>>(q: Q) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as {
    [K in keyof Q]: Exclude<Q[K], undefined>;
  };
const opts = (token: string, branchId: string) => ({ token, params: { branchId }, timeoutMs: TIMEOUT_MS });

export const getSummary = (token: string, branchId: string, p: Period, by: GroupBy) =>
  call('reports:summary', { ...opts(token, branchId), query: { from: p.from, to: p.to, by } });
export const getEstimates = (token: string, branchId: string, p: Period, by: 'service' | 'hour') =>
  call('reports:estimates', { ...opts(token, branchId), query: { from: p.from, to: p.to, by } });
export const getStaff = (token: string, branchId: string, p: Period) =>
  call('reports:staff', { ...opts(token, branchId), query: { from: p.from, to: p.to } });
export const getOpenRate = (token: string, branchId: string, p: Period) =>
  call('reports:open-rate', { ...opts(token, branchId), query: { from: p.from, to: p.to } });
export const getCallOrder = (token: string, branchId: string, p: Period, cursor: string | null) =>
  call('reports:call-order', {
    ...opts(token, branchId),
    query: drop({ from: p.from, to: p.to, cursor: cursor ?? undefined }),
  });
export const getTickets = (
  token: string,
  branchId: string,
  p: Period,
  filter: TicketFilter,
  cursor: string | null,
) =>
  // No `limit`: the server's page (500 rows) is used.
  call('reports:tickets', {
    ...opts(token, branchId),
    query: drop({ from: p.from, to: p.to, ...filter, cursor: cursor ?? undefined }),
  });

/**
 * Downloads the server's own export of the same query (CSV with BOM or XLSX): the file is the
 * server's, byte for byte, so its numbers are the ones on screen. A bearer token cannot ride on a
 * plain link, so the file is fetched and handed to the browser as a blob with its server name.
 */
export async function downloadExport(
  token: string,
  branchId: string,
  kind: ExportKind,
  query: Record<string, string | undefined>,
): Promise<string> {
  const response = await send(reportUrl(branchId, kind, query), token, EXPORT_TIMEOUT_MS);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `report.${query.format ?? 'csv'}`;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return filename;
}
