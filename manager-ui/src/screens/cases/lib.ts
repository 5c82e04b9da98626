import { call, type RouteBody, type RouteQuery, type RouteResponse } from '@guichet/server/kit';
import { API } from '@guichet/server/protocol';
import { dayMinute } from '../../components/time';
import { countersById, failureText, locale, servicesById, session, snapshot, text } from '../../store';
import { type CaseStringKey, caseText } from '../../strings/cases';

/** The 好差评 screens' REST calls, on the client kit like api.ts. */
export type CaseView = RouteResponse<'case:view'>;
export type CaseFilters = RouteQuery<'cases:list'>;
export type RatesRow = RouteResponse<'reports:ratings'>['rows'][number];
export type AppraisalRecord = RouteResponse<'appraisal:branch'>['records'][number];
export type AppraisalEntry = AppraisalRecord['entries'][number];
export type Fraction = RatesRow['good'];

const token = () => session.value?.token ?? '';

export const listCases = (branchId: string, query: CaseFilters) =>
  call('cases:list', { token: token(), params: { branchId }, query });
export const getCase = (id: string) => call('case:view', { token: token(), params: { id } });
/** The steps of a case, each its own route taken through `caseStep`. */
export const CASE_STEP_ROUTES = [
  'case:callback',
  'case:resolve',
  'case:feedback',
  'case:satisfaction',
  'case:close',
  'case:reopen',
] as const;
type Step = (typeof CASE_STEP_ROUTES)[number];
export const caseStep = <S extends Step>(step: S, id: string, body: RouteBody<S>) =>
  // The kit's arguments are typed per route; the union of six routes needs the one cast here.
  call(step as 'case:callback', { token: token(), params: { id }, body: body as RouteBody<'case:callback'> });
export const enterComplaint = (branchId: string, body: RouteBody<'complaints:create'>) =>
  call('complaints:create', { token: token(), params: { branchId }, body });
export const ratingsReport = (branchId: string, query: RouteQuery<'reports:ratings'>) =>
  call('reports:ratings', { token: token(), params: { branchId }, query });
export const branchAppraisal = (branchId: string, date: string) =>
  call('appraisal:branch', { token: token(), params: { branchId }, query: { date } });
export const appraisalSheet = (userId: string, query: RouteQuery<'appraisal:sheet'>) =>
  call('appraisal:sheet', { token: token(), params: { id: userId }, query });
export const addEntry = (userId: string, body: RouteBody<'appraisal:entry-create'>) =>
  call('appraisal:entry-create', { token: token(), params: { id: userId }, body });
export const decideAppeal = (entryId: string, body: RouteBody<'appraisal:entry-decide'>) =>
  call('appraisal:entry-decide', { token: token(), params: { id: entryId }, body });

/**
 * The ledger as an XLSX file with the filters on screen: fetched with the session's bearer
 * token (a plain link would carry none) and handed to the browser as a download.
 */
export async function downloadLedger(branchId: string, query: CaseFilters): Promise<void> {
  const q = new URLSearchParams({ format: 'xlsx', lang: locale.value });
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const res = await fetch(`${API}/branches/${encodeURIComponent(branchId)}/cases/ledger?${q}`, {
    headers: { Authorization: `Bearer ${token()}` },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    throw Object.assign(new Error('export failed'), { code: body?.error?.code ?? `HTTP_${res.status}` });
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `cases-${branchId}-${new Date().toISOString().slice(0, 10)}.xlsx`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A word of these screens in the reader's language. */
export const ct = (key: CaseStringKey, params?: Record<string, string | number>) =>
  caseText(locale.value, key, params);
/** A refusal in the reader's language (the shared table words the cases' codes too). */
export const refusal = (e: unknown): string => failureText(e);

export const serviceName = (id: string | null) => (id ? text(servicesById.value.get(id)?.name) || id : '—');
export const counterName = (id: string | null) => (id ? text(countersById.value.get(id)?.name) || id : '—');

/** A fraction as the published rate, "93.8 %", with its numerator and denominator as a title. */
export function percent(f: Fraction): string {
  return f.percent === null ? '—' : `${f.percent.toFixed(1)} %`;
}

/** Today in the branch's time zone, YYYY-MM-DD. */
export function today(): string {
  const tz = snapshot.value?.branch.timezone ?? 'Asia/Shanghai';
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(Date.now());
}
/** A day some days before `day`. */
export function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}
/** Date and time in the branch's zone, for steps and stamps. */
export function stamp(at: number): string {
  const tz = snapshot.value?.branch.timezone ?? 'Asia/Shanghai';
  return dayMinute(at, tz);
}
export function minutes(seconds: number | null): string {
  if (seconds === null) return '—';
  const m = Math.round(seconds / 60);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
}
