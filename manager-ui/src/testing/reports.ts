import type { FakeServer } from '@guichet/server/kit/testing';
import { beforeEach, vi } from 'vitest';
import type {
  EstimatesReport,
  LabelledRow,
  StaffReport,
  SummaryReport,
  TicketReportRow,
} from '../screens/reports/api';
import { period, periodKind, reportTab } from '../screens/reports/state';
import { setLocale } from '../store';
import { fakeServer, hall, resetAfterEach, seedManager } from './fixtures';

/** Each report test starts signed in as a manager, in English, on the summary tab of one day. */
export function resetReportsEachTest(day: string): void {
  beforeEach(() => {
    setLocale('en');
    seedManager(hall());
    period.value = { from: day, to: day };
    periodKind.value = 'day';
    reportTab.value = 'summary';
  });
  resetAfterEach();
}

/**
 * Report answers on the wire, shaped as the protocol's report results (server/src/protocol/reports.ts),
 * and the kit's FakeServer answering the report routes.
 */
export function summaryRow(key: string, over: Partial<LabelledRow> = {}): LabelledRow {
  return {
    key,
    label: { 'zh-CN': `组${key}`, en: `Group ${key}` },
    issued: 40,
    served: 32,
    noShow: 3,
    abandoned: 2,
    transferred: 1,
    waitMeanSeconds: 512.4,
    waitMedianSeconds: 430,
    waitP90Seconds: 1021,
    waitMaxSeconds: 2400,
    handleMeanSeconds: 301.5,
    slaPercent: 71.4,
    ratings: { count: 20, byLevel: { 1: 1, 2: 2, 3: 3, 4: 6, 5: 8 }, bad: 3, notRated: 12 },
    excluded: { wait: 1, handle: 0 },
    ...over,
  };
}

export function summary(
  by: SummaryReport['by'],
  rows: LabelledRow[],
  from = '2026-11-30',
  to = from,
): SummaryReport {
  return {
    from,
    to,
    by,
    timezone: 'Asia/Shanghai',
    rows,
    totals: summaryRow('total', {
      label: { 'zh-CN': '合计', en: 'Total' },
      issued: rows.reduce((n, r) => n + r.issued, 0),
      served: rows.reduce((n, r) => n + r.served, 0),
    }),
    excluded: { wait: 1, handle: 0 },
    targets: [
      {
        serviceId: 'svc-a',
        label: { 'zh-CN': 'A 业务', en: 'Service A' },
        targetWaitMinutes: 15,
        inForce: [{ effectiveFrom: 0, targetWaitMinutes: 15 }],
      },
    ],
    days: { rolledUp: 0, raw: 1 },
  };
}

export function ticketRow(n: number, over: Partial<TicketReportRow> = {}): TicketReportRow {
  const code = `A${String(n).padStart(3, '0')}`;
  return {
    ticketId: `t-${n}`,
    code,
    businessDay: '2026-11-30',
    serviceId: 'svc-a',
    service: { 'zh-CN': 'A 业务', en: 'Service A' },
    issuedAt: '2026-11-30 09:00:00',
    calledAt: '2026-11-30 09:10:00',
    startedAt: '2026-11-30 09:11:00',
    finishedAt: '2026-11-30 09:20:00',
    outcome: 'served',
    counterId: 'ctr-1',
    counter: { 'zh-CN': '1号窗口', en: 'Counter 1' },
    clerkId: 'user-clerk1',
    clerk: '王芳',
    legs: 1,
    waitSeconds: 600,
    handleSeconds: 540,
    estimatedWaitMinutes: 8,
    rating: 5,
    rated: 'rated',
    person: null,
    ...over,
  };
}

export const estimates = (by: 'service' | 'hour'): EstimatesReport => {
  const row = (key: string) => ({
    key,
    label: { 'zh-CN': `组${key}`, en: `Group ${key}` },
    n: 30,
    meanAbsoluteErrorMinutes: 4.2,
    biasMinutes: 1.5,
    within5MinutesPercent: 66.7,
    inRangePercent: null,
    excluded: 2,
  });
  return {
    from: '2026-11-30',
    to: '2026-11-30',
    by,
    rows: [row(by === 'service' ? 'svc-a' : '09')],
    totals: row('total'),
  };
};

export const staff = (): StaffReport => ({
  from: '2026-11-30',
  to: '2026-11-30',
  rows: [
    {
      clerkId: 'user-clerk1',
      label: { 'zh-CN': '王芳', en: 'Wang Fang' },
      counterIds: ['ctr-1'],
      sessionSeconds: 28_800,
      pausedSeconds: 3_600,
      pausedByReason: { 用餐: 3_000, 休息: 600 },
      servingSeconds: 18_000,
      idleSeconds: 7_200,
      idleWithWorkSeconds: 905,
      utilisationPercent: 71.4,
    },
  ],
});

export interface ReportRequest {
  kind: string;
  query: Record<string, string>;
}
export type ReportAnswer = (
  kind: string,
  query: Record<string, string>,
) => [number, unknown, Record<string, string>?];

/**
 * The kit's FakeServer as fetch, with the report routes (`reports:*` of the route map) answered
 * by `answer` through its `routes`. Exports (`format=csv|xlsx`) are files, which the FakeServer
 * (JSON only) cannot answer: this fetch answers those itself.
 */
export function reportsServer(answer: ReportAnswer): { server: FakeServer; reports: ReportRequest[] } {
  const server = fakeServer();
  const reports: ReportRequest[] = [];
  for (const kind of ['summary', 'tickets', 'estimates', 'staff', 'call-order', 'open-rate'] as const) {
    server.routes[`reports:${kind}`] = (req) => {
      reports.push({ kind, query: req.query });
      const [status, body] = answer(kind, req.query);
      return [status, body];
    };
  }
  const inner = server.fetch;
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://screen.test');
    const m = /\/reports\/([\w-]+)$/.exec(url.pathname);
    const format = url.searchParams.get('format');
    if (!m || (format !== 'csv' && format !== 'xlsx')) return inner(input, init);
    const query = Object.fromEntries(url.searchParams);
    reports.push({ kind: m[1]!, query });
    const [status, body, headers] = answer(m[1]!, query);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'Content-Type': 'application/json', ...headers } });
  };
  vi.stubGlobal('fetch', fetch);
  return { server, reports };
}
