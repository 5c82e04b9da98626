import type { GroupBy } from '../../core/report-summary.js';
import type {
  CallOrderReport,
  EstimatesReport,
  OpenRateReport,
  StaffReport,
  SummaryReport,
  TicketsPage,
} from '../../protocol/reports.js';
import type { RatingsReport } from '../../protocol/schemas/case-views.js';
import type { RatingsQuery } from '../cases/rates.js';

// The results live in the wire contract (the manager UI reads them through the kit).
export type * from '../../protocol/reports.js';

/**
 * The reports engine's typed request/response protocol. The same messages cross the worker
 * boundary (structured clone) or are handled in-process: one engine, two hosts.
 */
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

/** The per-clerk totals of the whole period, the out-of-order calls a page at a time. */
export interface CallOrderQuery extends Period {
  cursor?: string | null;
  limit?: number;
}

/** `days`: the per-day rows even for a period longer than OPEN_RATE_DAYS_MAX (open-rate.ts). */
export type OpenRateQuery = Period & { days?: boolean };

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
  | { kind: 'call-order'; query: CallOrderQuery }
  | { kind: 'export-call-order'; query: CallOrderQuery; format: 'csv' | 'xlsx'; lang: Lang; dir: string }
  | { kind: 'open-rate'; query: OpenRateQuery }
  | { kind: 'export-open-rate'; query: Period; format: 'csv' | 'xlsx'; lang: Lang; dir: string }
  | { kind: 'export-summary'; query: SummaryQuery; format: 'csv' | 'xlsx'; lang: Lang; dir: string }
  | { kind: 'export-tickets'; query: TicketsQuery; format: 'csv' | 'xlsx'; lang: Lang; dir: string }
  | { kind: 'ratings'; query: RatingsQuery };

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
  ratings: RatingsReport;
}

/** A refusal the engine explains (unknown branch, bad period, bad cursor): a 4xx, never a 500. */
export interface ReportRefusal {
  code: 'BRANCH_NOT_FOUND' | 'VALIDATION_FAILED';
  message: string;
}

/** `gaveWayMs`: how long the report waited for live work (give-way.ts). */
export type WorkerMessage = { id: number; gaveWayMs: number } & (
  | { ok: true; result: unknown }
  | { ok: false; refusal?: ReportRefusal; message: string }
);

export class ReportError extends Error {
  constructor(readonly refusal: ReportRefusal) {
    super(refusal.message);
    this.name = 'ReportError';
  }
}
