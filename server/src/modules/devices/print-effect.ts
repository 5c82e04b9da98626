import type { Logger } from 'pino';
import { aheadOf, type EstimateStatus, type QueueState, type Ticket } from '../../core/index.js';
import type { CommittedBatch } from '../../kernel/command-bus.js';
import { type LinkPolicy, linkBase, NO_PUBLIC_URL, trackUrl } from '../queue/links.js';
import type { PrintOutcome } from './ports.js';
import type { DeviceRegistry } from './registry.js';

/** A receipt is dropped after this long, answered or not. */
const RECEIPT_TTL_MS = 60_000;

/**
 * Prints each ticket a kiosk issued once its commit is durable, and keeps how it went for the
 * kiosk's reply (printed, held, failed, no_printer). The reply waits on `printed(ticketId)`;
 * the effect fills it after the commit, so nothing is printed that was not committed.
 */
export class PrintEffect {
  private readonly receipts = new Map<
    string,
    { promise: Promise<PrintOutcome>; settle?: (o: PrintOutcome) => void }
  >();
  private warned = false;

  constructor(
    private readonly registry: DeviceRegistry,
    private readonly state: QueueState,
    private readonly links: LinkPolicy,
    private readonly log: Logger,
  ) {}

  printed(ticketId: string, kioskId: string): Promise<PrintOutcome> {
    // A kiosk without a printer is answered at once: its ticket waits for no effect and no receipt.
    if (!this.registry.hasPrinter(kioskId)) return Promise.resolve({ status: 'no_printer', reason: null });
    const entry = this.receipt(ticketId);
    return entry.promise.finally(() => this.receipts.delete(ticketId));
  }

  onCommitted(batch: CommittedBatch): void {
    for (const e of batch.events) {
      if (e.type !== 'ticket.issued' || e.actor.kind !== 'device') continue;
      if (!this.registry.hasPrinter(e.actor.id)) continue;
      const base = linkBase(this.links, batch.metaOf(e).baseUrl);
      if (!base && !this.warned) {
        this.warned = true;
        this.log.warn(NO_PUBLIC_URL);
      }
      const entry = this.receipt(e.ticket.id);
      const t = this.state.tickets.get(e.ticket.id) ?? e.ticket;
      void this.registry
        .print(e.actor.id, t.id, () =>
          this.printData(t, base ? trackUrl(base, t.id, t.trackKey) : '', e.estimateStatus),
        )
        .then((outcome) => {
          if (outcome.status === 'held' || outcome.status === 'failed') {
            this.log.warn(
              { kiosk: e.actor.id, ticket: t.code, print: outcome },
              'ticket not printed; shown on screen',
            );
          }
          entry.settle?.(outcome);
        });
    }
  }

  private receipt(ticketId: string) {
    let entry = this.receipts.get(ticketId);
    if (!entry) {
      let settle: ((o: PrintOutcome) => void) | undefined;
      const promise = new Promise<PrintOutcome>((resolve) => {
        settle = resolve;
      });
      entry = { promise, settle };
      this.receipts.set(ticketId, entry);
      // Never leave a kiosk waiting: a receipt that no effect settled answers "failed".
      setTimeout(() => {
        settle?.({ status: 'failed', reason: 'no answer from the printer' });
        this.receipts.delete(ticketId);
      }, RECEIPT_TTL_MS).unref();
    }
    return entry;
  }

  private printData(t: Ticket, url: string, estimateStatus: EstimateStatus | undefined) {
    const branch = this.state.branches.get(t.branchId)!;
    const service = this.state.services.get(t.serviceId)!;
    return {
      hallName: branch.name[t.locale],
      serviceName: service.name[t.locale],
      code: t.code,
      ahead: t.status === 'waiting' ? aheadOf(this.state, t) : 0,
      estimatedWaitMinutes: t.estimatedWaitAtIssue,
      // No minutes: the ticket says why, as the kiosk's screen did (the issue's own estimate).
      ...(estimateStatus && { estimateStatus }),
      issuedAt: new Date(t.issuedAt).toISOString(),
      timezone: branch.timezone,
      locale: t.locale,
      trackUrl: url,
      priority: t.ticketClass !== 'normal',
      // The branch's address in the ticket's language, under the issue time.
      ...(branch.address?.[t.locale]?.trim() && { footer: branch.address[t.locale].trim() }),
    };
  }
}
