/**
 * Clones finished tickets, with the events Guichet wrote for them, from one real ticket of the
 * database (the template): the year of history and the long day are filled this way, fast, with
 * rows whose shape follows the schema. Times, services, numbers and counters vary per ticket.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

type Row = Record<string, unknown>;

const MIX: [string, number][] = [
  ['svc-social', 0.25],
  ['svc-medical', 0.22],
  ['svc-employment', 0.12],
  ['svc-enquiry', 0.2],
  ['svc-business', 0.03],
  ['svc-pension', 0.18],
];

function pickService(r: number): string {
  let left = r;
  for (const [id, w] of MIX) {
    left -= w;
    if (left < 0) return id;
  }
  return 'svc-enquiry';
}

export class TicketCloner {
  readonly timezone: string;
  private readonly tpl: Row;
  private readonly events: Row[];
  private readonly issuedPayload: { ticket?: Row };
  private readonly services: Map<string, { prefix: string; minutes: number }>;
  private readonly servedBy = new Map<string, string[]>();
  private readonly insTicket: Database.Statement;
  private readonly insEvent: Database.Statement;
  private readonly bumpSeq: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    templateId: string,
  ) {
    this.tpl = db.prepare('select * from tickets where id = ?').get(templateId) as Row;
    this.events = db.prepare('select * from events where ticket_id = ? order by id').all(templateId) as Row[];
    this.issuedPayload = JSON.parse((this.events[0]?.payload as string) ?? '{}') as { ticket?: Row };
    this.timezone =
      (db.prepare('select timezone from branches where id = ?').pluck().get(this.tpl.branch_id) as string) ??
      'UTC';
    this.services = new Map(
      (db.prepare('select id, prefix, default_service_minutes as m from services').all() as Row[]).map(
        (s) => [s.id as string, { prefix: s.prefix as string, minutes: s.m as number }],
      ),
    );
    for (const c of db.prepare('select id, profile from counters').all() as Row[]) {
      for (const s of (JSON.parse(c.profile as string) as { services: { serviceId: string }[] }).services) {
        this.servedBy.set(s.serviceId, [...(this.servedBy.get(s.serviceId) ?? []), c.id as string]);
      }
    }
    const cols = Object.keys(this.tpl);
    this.insTicket = db.prepare(`insert into tickets (${cols}) values (${cols.map((c) => `@${c}`)})`);
    const evCols = Object.keys(this.events[0] ?? {}).filter((c) => c !== 'id');
    this.insEvent = db.prepare(`insert into events (${evCols}) values (${evCols.map((c) => `@${c}`)})`);
    this.bumpSeq = db.prepare(
      `insert into daily_sequences (service_id, business_day, last_seq) values (?, ?, ?)
       on conflict(service_id, business_day) do update set last_seq = max(last_seq, excluded.last_seq)`,
    );
  }

  get eventTypes(): string[] {
    return this.events.map((e) => e.type as string);
  }

  /**
   * Writes one business day's finished tickets, issued at `arrivals` (sorted ms), in one
   * transaction; no time is later than `notAfter`. Numbers continue the day's sequences.
   */
  writeDay(day: string, arrivals: number[], notAfter = Number.POSITIVE_INFINITY): void {
    const seqs = new Map<string, number>(
      (
        this.db
          .prepare('select service_id as s, last_seq as n from daily_sequences where business_day = ?')
          .all(day) as Row[]
      ).map((r) => [r.s as string, r.n as number]),
    );
    const clamp = (t: number) => Math.min(t, notAfter);
    this.db.transaction(() => {
      for (const issuedAt of arrivals) {
        let serviceId = pickService(Math.random());
        if (serviceId === 'svc-business' && (seqs.get(serviceId) ?? 0) >= 120) serviceId = 'svc-enquiry';
        const seq = (seqs.get(serviceId) ?? 0) + 1;
        seqs.set(serviceId, seq);
        const svc = this.services.get(serviceId) ?? { prefix: 'Z', minutes: 5 };
        const counters = this.servedBy.get(serviceId) ?? [this.tpl.counter_id as string];
        const calledAt = clamp(
          issuedAt + Math.round(Math.min(5_400_000, -Math.log(1 - Math.random()) * 720_000)),
        );
        const startedAt = clamp(calledAt + 30_000);
        const finishedAt = clamp(
          startedAt + Math.round(svc.minutes * 60_000 * Math.exp((Math.random() - 0.5) * 1.2)),
        );
        const t: Row = {
          ...this.tpl,
          id: randomUUID(),
          service_id: serviceId,
          issued_service_id: serviceId,
          business_day: day,
          seq,
          code: `${svc.prefix}${String(seq).padStart(3, '0')}`,
          rank: issuedAt,
          issued_at: issuedAt,
          queued_at: issuedAt,
          called_at: calledAt,
          started_at: this.tpl.started_at == null ? null : startedAt,
          finished_at: finishedAt,
          counter_id: counters[seq % counters.length],
          estimated_wait_at_issue: Math.round(Math.random() * 30),
          track_key: randomBytes(12).toString('base64url'),
          idempotency_key: null,
        };
        this.insTicket.run(t);
        const at: Record<string, number> = { issued: issuedAt, called: calledAt, started: startedAt };
        for (const e of this.events) {
          const { id: _id, ...rest } = e;
          const kind = (e.type as string).split('.').pop()!;
          const ticket = this.issuedPayload.ticket;
          const payload =
            ticket && kind === 'issued'
              ? JSON.stringify({
                  ...this.issuedPayload,
                  ticket: {
                    ...ticket,
                    ...{
                      id: t.id,
                      code: t.code,
                      seq,
                      serviceId,
                      issuedServiceId: serviceId,
                      businessDay: day,
                    },
                    ...{ issuedAt, queuedAt: issuedAt, rank: issuedAt },
                  },
                })
              : e.payload;
          this.insEvent.run({
            ...rest,
            ticket_id: t.id,
            at: at[kind] ?? finishedAt,
            counter_id: e.counter_id == null ? null : t.counter_id,
            payload,
          });
        }
      }
      for (const [serviceId, last] of seqs) this.bumpSeq.run(serviceId, day, last);
    })();
  }
}
