import type { AccuracyRow } from '../core/estimate-accuracy.js';
import type { OpenRate } from '../core/open-rate.js';
import type { GroupBy, SummaryRow } from '../core/report-summary.js';
import type { StaffTime } from '../core/staff-time.js';

/**
 * What the manager report routes answer (./report-routes.ts): the reports engine's results, as
 * the screens read them. The engine (server/src/modules/reports) builds exactly these.
 */
export type Label = { 'zh-CN': string; en: string };
export type { GroupBy };

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

/** One clerk's time over the period (core/staff-time.ts, summed over her counters), named. */
export interface StaffRow extends StaffTime {
  clerkId: string;
  label: Label;
  counterIds: string[];
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
  /** Out-of-order calls in the whole period (the clerks' outOfOrder summed). */
  totalCalls: number;
  /** One page of them, oldest day first; the next page with `cursor=nextCursor` (null: last page). */
  calls: CallOrderRow[];
  nextCursor: string | null;
}

/** Window open rate (core/open-rate.ts): per counter and day, per counter, and in total. */
export type OpenRateRow = OpenRate & { businessDay: string; counterId: string; counter: Label };
export interface OpenRateReport {
  from: string;
  to: string;
  timezone: string;
  /**
   * Whether `days` holds the per-day rows: for a period of up to 62 days, or asked with
   * `days=1`; otherwise empty (the per-counter figures and the totals are the whole period's).
   */
  daysIncluded: boolean;
  days: OpenRateRow[];
  counters: (OpenRate & { counterId: string; counter: Label })[];
  totals: OpenRate;
}
