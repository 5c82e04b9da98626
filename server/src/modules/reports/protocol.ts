import type { AccuracyRow } from '../../core/estimate-accuracy.js';
import type { OpenRate } from '../../core/open-rate.js';
import type { GroupBy, SummaryRow } from '../../core/report-summary.js';

/**
 * The reports engine's typed request/response protocol. The same messages cross the worker
 * boundary (structured clone) or are handled in-process: one engine, two hosts.
 */
export type Label = { 'zh-CN': string; en: string };
export type Lang = 'zh-CN' | 'en';

export interface Period {
  branchId: string;
  from: string; // YYYY-MM-DD, branch-local, included
  to: string;
}

export type SummaryQuery = Period & { by: GroupBy };
export type EstimatesQuery = Period & { by: 'service' | 'hour' };
export type StaffQuery = Period;
export interface TicketsQuery extends Period {
  serviceId?: string | null;
  counterId?: string | null;
  clerkId?: string | null;
  cursor?: string | null;
  limit?: number;
}

export type LabelledRow = SummaryRow & { label: Label };
export interface SummaryReport {
  from: string;
  to: string;
  by: GroupBy;
  timezone: string;
  rows: LabelledRow[];
  totals: LabelledRow;
  excluded: { wait: number; handle: number };
  /** The service-level target each service was measured against (minutes). */
  targets: {
    serviceId: string;
    label: Label;
    targetWaitMinutes: number;
    /** The targets in force during the period (effective-dated), each from its time (ms). */
    inForce: { effectiveFrom: number; targetWaitMinutes: number }[];
  }[];
  days: { rolledUp: number; raw: number };
}

export interface TicketReportRow {
  ticketId: string;
  code: string;
  businessDay: string;
  serviceId: string;
  service: Label;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  outcome: string | null;
  counterId: string | null;
  counter: Label | null;
  clerkId: string | null;
  clerk: string | null;
  legs: number;
  waitSeconds: number | null;
  handleSeconds: number | null;
  estimatedWaitMinutes: number | null;
  rating: number | null;
  rated: 'rated' | 'not_rated' | 'none';
  /** Phone or ID number, masked (unmasking is its own permission, not offered here). */
  person: string | null;
}
export interface TicketsPage {
  timezone: string;
  rows: TicketReportRow[];
  nextCursor: string | null;
}

export type EstimateRow = AccuracyRow & { label: Label };
export interface EstimatesReport {
  from: string;
  to: string;
  by: 'service' | 'hour';
  rows: EstimateRow[];
  totals: EstimateRow;
}

export interface StaffRow {
  clerkId: string;
  label: Label;
  counterIds: string[];
  sessionSeconds: number;
  pausedSeconds: number;
  pausedByReason: Record<string, number>;
  servingSeconds: number;
  idleSeconds: number;
  idleWithWorkSeconds: number;
  utilisationPercent: number | null;
}
export interface StaffReport {
  from: string;
  to: string;
  rows: StaffRow[];
}

export interface CallOrderRow {
  businessDay: string;
  ticketId: string;
  code: string;
  serviceId: string;
  service: Label;
  counterId: string;
  counter: Label;
  clerkId: string | null;
  clerk: Label | null;
  calledAt: string;
  /** The rule recorded with the call (server/README.md, "Call order"). */
  rule: string;
  ruleLabel: Label;
  olderWaiting: number;
  oldestTicketId: string;
  oldestCode: string;
  oldestWaitedSeconds: number;
}
export interface CallOrderReport {
  from: string;
  to: string;
  timezone: string;
  clerks: {
    clerkId: string;
    label: Label;
    calls: number;
    outOfOrder: number;
    byRule: Record<string, number>;
  }[];
  calls: CallOrderRow[];
}

/** Window open rate (core/open-rate.ts): per counter and day, per counter, and in total. */
export type OpenRateRow = OpenRate & { businessDay: string; counterId: string; counter: Label };
export interface OpenRateReport {
  from: string;
  to: string;
  timezone: string;
  days: OpenRateRow[];
  counters: (OpenRate & { counterId: string; counter: Label })[];
  totals: OpenRate;
}

export interface ExportFile {
  file: string;
  contentType: string;
  filename: string;
}

export type ReportRequest =
  | { kind: 'summary'; query: SummaryQuery }
  | { kind: 'tickets'; query: TicketsQuery }
  | { kind: 'estimates'; query: EstimatesQuery }
  | { kind: 'staff'; query: StaffQuery }
  | { kind: 'call-order'; query: Period }
  | { kind: 'export-call-order'; query: Period; format: 'csv' | 'xlsx'; lang: Lang; dir: string }
  | { kind: 'open-rate'; query: Period }
  | { kind: 'export-open-rate'; query: Period; format: 'csv' | 'xlsx'; lang: Lang; dir: string }
  | { kind: 'export-summary'; query: SummaryQuery; format: 'csv' | 'xlsx'; lang: Lang; dir: string }
  | { kind: 'export-tickets'; query: TicketsQuery; format: 'csv' | 'xlsx'; lang: Lang; dir: string };

export interface ReportResultOf {
  summary: SummaryReport;
  tickets: TicketsPage;
  estimates: EstimatesReport;
  staff: StaffReport;
  'call-order': CallOrderReport;
  'export-call-order': ExportFile;
  'open-rate': OpenRateReport;
  'export-open-rate': ExportFile;
  'export-summary': ExportFile;
  'export-tickets': ExportFile;
}

/** A refusal the engine explains (unknown branch, bad period, bad cursor): a 4xx, never a 500. */
export interface ReportRefusal {
  code: 'BRANCH_NOT_FOUND' | 'VALIDATION_FAILED';
  message: string;
}

export type WorkerMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; refusal?: ReportRefusal; message: string };

export class ReportError extends Error {
  constructor(readonly refusal: ReportRefusal) {
    super(refusal.message);
    this.name = 'ReportError';
  }
}
