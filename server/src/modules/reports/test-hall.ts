/**
 * Test support: a hall driven by the real engine commands (core/*) whose every event is
 * persisted exactly as the server persists it (the queue module's projectors through db's QueueStore), into a
 * database opened with the real migrations. Nothing in the server imports it.
 */
import { AuthStore, ConfigStore, type Db, openDb, QueueStore } from '@guichet/db';
import type { Decided } from '../../core/counter-guards.js';
import type { Result } from '../../core/errors.js';
import type { DomainEvent } from '../../core/events.js';
import {
  callTicket,
  cancelTicket,
  closeCounter,
  finishService,
  markNoShow,
  openCounter,
  parkTicket,
  pauseCounter,
  resumeCounter,
  rollover,
  startService,
  transferTicket,
} from '../../core/index.js';
import { issueTicket } from '../../core/issue.js';
import {
  BRANCH_ID,
  type CounterSpec,
  DEFAULT_COUNTERS,
  DEFAULT_SERVICES,
  Hall,
} from '../../core/test-support.js';
import type { Outcome, Service } from '../../core/types.js';
import { Registry } from '../../kernel/registry.js';
import { registerQueueProjections } from '../queue/projectors.js';

export class PersistedHall {
  readonly db: Db;
  readonly store: QueueStore;
  /** The queue module's reducers and projectors: the same rows the server writes. */
  private readonly projections: Registry;
  readonly hall: Hall;
  private ratingSeq = 0;

  constructor(
    file: string,
    opts: {
      timezone: string;
      now: number;
      services?: Service[];
      counters?: CounterSpec[];
      /** The branch's stored settings (opening hours, dated exceptions) the reports read. */
      settings?: Record<string, unknown>;
    },
  ) {
    this.db = openDb(file, { synchronous: 'NORMAL' });
    this.store = new QueueStore(this.db);
    this.projections = new Registry(() => undefined);
    registerQueueProjections(this.projections, this.store);
    const services = opts.services ?? DEFAULT_SERVICES();
    const counters = (opts.counters ?? DEFAULT_COUNTERS()).map((c) => ({ ...c, state: 'closed' as const }));
    this.hall = new Hall({ branch: { timezone: opts.timezone }, services, counters, now: opts.now });
    const b = this.hall.branch;
    new ConfigStore(this.db).insertHall({
      branch: {
        id: b.id,
        nameZh: b.name['zh-CN'],
        nameEn: b.name.en,
        timezone: b.timezone,
        settings: opts.settings ?? {},
        currentDay: this.hall.state.currentDay.get(b.id) ?? null,
      },
      services: services.map((s) => ({
        id: s.id,
        branchId: s.branchId,
        prefix: s.prefix,
        nameZh: s.name['zh-CN'],
        nameEn: s.name.en,
        targetWaitMinutes: s.targetWaitMinutes,
        defaultServiceMinutes: s.defaultServiceMinutes,
        sortOrder: s.sortOrder,
      })),
      counters: [...this.hall.state.counters.values()].map((c) => ({
        id: c.id,
        branchId: c.branchId,
        number: c.number,
        nameZh: c.name['zh-CN'],
        nameEn: c.name.en,
        profile: c.profile,
      })),
    });
    const auth = new AuthStore(this.db);
    for (const [id, name] of [
      ['u1', '李静'],
      ['u2', 'Wang Fang'],
    ] as const)
      auth.insertUser({
        id,
        username: id,
        displayName: name,
        role: 'clerk',
        branchId: BRANCH_ID,
        passwordHash: 'x',
        createdAt: 0,
      });
  }

  /** Sets the clock to an instant and the acting clerk. */
  at(instant: number, who = 'kiosk'): this {
    this.hall.setNow(instant);
    this.hall.ctx.actor = who === 'kiosk' ? { kind: 'device', id: 'kiosk' } : { kind: 'user', id: who };
    return this;
  }

  private commit(result: Result<{ events: DomainEvent[] } | DomainEvent[]>): DomainEvent[] {
    if (!result.ok) throw new Error(`refused ${result.error.code}: ${result.error.message}`);
    const events = Array.isArray(result.data) ? result.data : result.data.events;
    this.store.transaction(() => {
      for (const e of events) this.projections.commit(e, this.hall.state, { actor: e.actor });
    });
    return events;
  }

  issue(serviceId: string): string {
    const r = issueTicket(
      this.hall.state,
      { branchId: BRANCH_ID, serviceId, ticketClass: 'normal' },
      this.hall.ctx,
    );
    return this.commit(r)[0]!.ticketId!;
  }
  open(counter: string, clerk: string) {
    this.commit(openCounter(this.hall.state, counter, clerk, this.hall.ctx));
  }
  close(counter: string) {
    this.commit(closeCounter(this.hall.state, counter, 'end of shift', this.hall.ctx));
  }
  call(counter: string, ticketId: string) {
    this.commit(callTicket(this.hall.state, counter, ticketId, this.hall.ctx));
  }
  start(counter: string) {
    this.commit(startService(this.hall.state, counter, this.hall.ctx));
  }
  finish(counter: string, outcome: Outcome = 'served') {
    this.commit(finishService(this.hall.state, counter, outcome, this.hall.ctx));
  }
  noShow(counter: string) {
    this.commit(markNoShow(this.hall.state, counter, this.hall.ctx));
  }
  park(counter: string) {
    this.commit(parkTicket(this.hall.state, counter, 'fetch documents', this.hall.ctx));
  }
  transfer(counter: string, toServiceId: string) {
    this.commit(
      transferTicket(this.hall.state, counter, { toServiceId, placement: 'last' }, this.hall.ctx) as Decided,
    );
  }
  pause(counter: string, reason: string) {
    this.commit(pauseCounter(this.hall.state, counter, reason, this.hall.ctx));
  }
  resume(counter: string) {
    this.commit(resumeCounter(this.hall.state, counter, this.hall.ctx));
  }
  cancel(ticketId: string) {
    this.commit(cancelTicket(this.hall.state, ticketId, 'holder', this.hall.ctx));
  }
  rollover() {
    this.commit(rollover(this.hall.state, BRANCH_ID, this.hall.ctx));
  }

  /** A rating as the feedback module stores it (score null: recorded as not rated). */
  rate(ticketId: string, score: number | null) {
    const t = this.hall.ticket(ticketId);
    this.db.$client
      .prepare(
        `insert into ratings (id, ticket_id, branch_id, service_id, counter_id, clerk_id, score, reason, source, at)
         values (?, ?, ?, ?, ?, null, ?, null, ?, ?)`,
      )
      .run(
        `r${++this.ratingSeq}`,
        ticketId,
        BRANCH_ID,
        t.serviceId,
        t.counterId,
        score,
        score === null ? 'timeout' : 'pad',
        this.hall.now,
      );
  }
}

const TZ = 'Europe/Paris';
const at = (hhmm: string) => Date.parse(`2026-03-29T${hhmm}:00+02:00`);

/** The hand-worked DST day of reports.test.ts (its figures are worked out there). */
export function handWorkedDay(file: string): PersistedHall {
  const h = new PersistedHall(file, { timezone: TZ, now: at('07:00') });
  h.at(at('08:00'), 'u1').open('c1', 'u1');
  h.at(at('08:00'), 'u2').open('c2', 'u2');
  const a1 = h.at(at('08:10')).issue('A');
  const b1 = h.at(at('08:12')).issue('B');
  h.at(at('08:20'), 'u1').call('c1', a1); // wait 600
  h.at(at('08:21'), 'u1').start('c1');
  h.at(at('08:25'), 'u2').call('c2', b1); // wait 780
  h.at(at('08:26'), 'u2').start('c2');
  h.at(at('08:30'), 'u1').park('c1'); // parked 600 s
  h.at(at('08:35'), 'u2').transfer('c2', 'A'); // leg 1 handled 540; leg 2 waits from 08:35
  h.at(at('08:40'), 'u1').call('c1', a1); // callback
  const a2 = h.at(at('08:45')).issue('A');
  h.at(at('08:50'), 'u1').finish('c1'); // handle 08:21→08:50 − 600 = 1140
  h.at(at('08:55'), 'u1').call('c1', b1); // wait 1200 (over the 15-minute target)
  h.at(at('08:56'), 'u1').start('c1');
  h.at(at('09:00'), 'u2').pause('c2', 'meeting');
  h.at(at('09:06'), 'u1').finish('c1'); // handle 600
  h.at(at('09:10'), 'u1').call('c1', a2); // wait 1500
  h.at(at('09:12'), 'u1').noShow('c1');
  const b2 = h.at(at('09:15')).issue('B');
  h.at(at('09:20'), 'u2').resume('c2');
  const a3 = h.at(at('09:25')).issue('A');
  h.at(at('09:30'), 'u2').call('c2', a3); // wait 300
  h.at(at('09:31'), 'u2').start('c2');
  h.at(at('09:40')).cancel(b2); // left uncalled after 1500 s
  h.at(at('09:41'), 'u2').finish('c2'); // handle 600
  h.at(at('09:45'), 'u2').close('c2');
  h.at(at('10:00'), 'u1').close('c1');
  h.rate(a1, 5);
  h.rate(b1, 2);
  h.rate(a3, null);
  return h;
}
