import { CaseStore, wrapConnection } from '@guichet/db';
import { CALL_ORDER_COLUMNS, callOrderReport } from './call-order.js';
import type { ReportsEngine } from './engine.js';
import { SUMMARY_COLUMNS, summaryPages, TICKET_COLUMNS, writeTable } from './export.js';
import { OPEN_RATE_COLUMNS, openRateReport } from './open-rate.js';
import type { CallOrderRow, ReportRequest, ReportResultOf, TicketReportRow } from './protocol.js';
import { ratingsFromCells } from './ratings-cells.js';
import { MAX_PAGE, ticketsPage } from './tickets.js';

/** Answers one request with the engine: the single code path both hosts run. */
export async function dispatch(
  engine: ReportsEngine,
  req: ReportRequest,
): Promise<ReportResultOf[ReportRequest['kind']]> {
  switch (req.kind) {
    case 'ratings':
      return ratingsFromCells(engine, casesOf(engine), req.query);
    case 'summary':
      return engine.summary(req.query);
    case 'estimates':
      return engine.estimates(req.query);
    case 'staff':
      return engine.staff(req.query);
    case 'call-order':
      return callOrderReport(engine, req.query);
    case 'export-call-order': {
      const name = `call-order-${req.query.from}-${req.query.to}`;
      // Every out-of-order call of the period, page after page.
      function* pages(): Iterable<CallOrderRow[]> {
        let cursor: string | null = null;
        do {
          const page = callOrderReport(engine, { ...req.query, cursor, limit: MAX_PAGE });
          yield page.calls;
          cursor = page.nextCursor;
        } while (cursor);
      }
      return writeTable(req.dir, name, req.format, req.lang, CALL_ORDER_COLUMNS, pages);
    }
    case 'open-rate':
      return openRateReport(engine, req.query);
    case 'export-open-rate': {
      const report = openRateReport(engine, req.query);
      const name = `open-rate-${req.query.from}-${req.query.to}`;
      return writeTable(req.dir, name, req.format, req.lang, OPEN_RATE_COLUMNS, () => [report.days]);
    }
    case 'tickets': {
      const { ctx, labels } = engine.context(req.query);
      return ticketsPage(engine.reads, req.query, ctx.timezone, labels);
    }
    case 'export-summary': {
      const report = engine.summary(req.query);
      const name = `summary-${req.query.by}-${req.query.from}-${req.query.to}`;
      return writeTable(req.dir, name, req.format, req.lang, SUMMARY_COLUMNS, summaryPages(report));
    }
    case 'export-tickets': {
      const { ctx, labels } = engine.context(req.query);
      const name = `tickets-${req.query.from}-${req.query.to}`;
      // Every ticket of the period, page after page: an export has no row cap either.
      function* pages(): Iterable<TicketReportRow[]> {
        let cursor: string | null = null;
        do {
          const page = ticketsPage(
            engine.reads,
            { ...req.query, cursor, limit: MAX_PAGE },
            ctx.timezone,
            labels,
          );
          yield page.rows;
          cursor = page.nextCursor;
        } while (cursor);
      }
      return writeTable(req.dir, name, req.format, req.lang, TICKET_COLUMNS, pages);
    }
  }
}

const caseStores = new WeakMap<ReportsEngine, CaseStore>();
/** The case store over the engine's own (read-only, in the worker) connection. */
function casesOf(engine: ReportsEngine): CaseStore {
  let store = caseStores.get(engine);
  if (!store) {
    store = new CaseStore(wrapConnection(engine.reads.client));
    caseStores.set(engine, store);
  }
  return store;
}
