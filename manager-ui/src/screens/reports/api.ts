import { ApiError } from '@guichet/server/kit';
import { API } from '@guichet/server/protocol';
// Types only (erased from the bundle): the report shapes are the reports module's own protocol,
// not (yet) in the route map of @guichet/server/protocol.
import type {
  EstimatesReport,
  OpenRateReport,
  StaffReport,
  SummaryReport,
  TicketsPage,
} from '../../../../server/src/modules/reports/protocol';

export type {
  EstimateRow,
  EstimatesReport,
  LabelledRow,
  OpenRateReport,
  StaffReport,
  StaffRow,
  SummaryReport,
  TicketReportRow,
  TicketsPage,
} from '../../../../server/src/modules/reports/protocol';

/**
 * The report reads and exports: GET /branches/:branchId/reports/{summary,tickets,estimates,staff}
 * (server/src/modules/reports/routes.ts). They are not in the kit's route map, so they are
 * fetched here with the same bearer token, timeout and ApiError as the kit's `call`.
 */
export type GroupBy = 'day' | 'hour' | 'weekday-hour' | 'service' | 'counter' | 'clerk';
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

async function json<T>(url: string, token: string): Promise<T> {
  const response = await send(url, token, TIMEOUT_MS);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(0, 'NETWORK', 'the answer was not JSON');
  }
}

export const getSummary = (token: string, branchId: string, p: Period, by: GroupBy) =>
  json<SummaryReport>(reportUrl(branchId, 'summary', { ...p, by }), token);
export const getEstimates = (token: string, branchId: string, p: Period, by: 'service' | 'hour') =>
  json<EstimatesReport>(reportUrl(branchId, 'estimates', { ...p, by }), token);
export const getStaff = (token: string, branchId: string, p: Period) =>
  json<StaffReport>(reportUrl(branchId, 'staff', { ...p }), token);
export const getOpenRate = (token: string, branchId: string, p: Period) =>
  json<OpenRateReport>(reportUrl(branchId, 'open-rate', { ...p }), token);
export const getTickets = (
  token: string,
  branchId: string,
  p: Period,
  filter: TicketFilter,
  cursor: string | null,
) =>
  // No `limit`: the server's page (500 rows) is used. The route declares `limit` an integer but
  // the app validates query strings without type coercion, so a `limit=` is refused (400).
  json<TicketsPage>(reportUrl(branchId, 'tickets', { ...p, ...filter, cursor: cursor ?? undefined }), token);

/**
 * Downloads the server's own export of the same query (CSV with BOM or XLSX): the file is the
 * server's, byte for byte, so its numbers are the ones on screen. A bearer token cannot ride on a
 * plain link, so the file is fetched and handed to the browser as a blob with its server name.
 */
export async function downloadExport(
  token: string,
  branchId: string,
  kind: 'summary' | 'tickets' | 'open-rate',
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
