/**
 * Test and benchmark support: writes a synthetic history (realistic hours, six services, twenty
 * counters with their clerks, transfers, parks, no-shows, cancellations, pauses, ratings) into
 * a database opened with the real migrations, with the exact row shapes the server writes
 * (app/persist.ts → db QueueStore): prepared statements, one transaction per day. Deterministic
 * for a seed. Nothing in the server imports it.
 */
import type { Db } from '@guichet/db';
import { ConfigStore } from '@guichet/db';
import { addDays, dayStart } from './period.js';

export interface SyntheticOptions {
  branchId?: string;
  timezone?: string;
  from: string;
  days: number;
  ticketsPerDay: number;
  seed?: number;
}

const SERVICES = [
  { id: 'svc-social', prefix: 'A', zh: '社保', en: 'Social insurance', weight: 30, target: 15, handle: 360 },
  {
    id: 'svc-medical',
    prefix: 'B',
    zh: '医保',
    en: 'Medical insurance',
    weight: 25,
    target: 15,
    handle: 300,
  },
  { id: 'svc-tax', prefix: 'C', zh: '税务', en: 'Tax', weight: 15, target: 20, handle: 480 },
  { id: 'svc-housing', prefix: 'D', zh: '公积金', en: 'Housing fund', weight: 12, target: 20, handle: 420 },
  { id: 'svc-permit', prefix: 'E', zh: '证照', en: 'Permits', weight: 10, target: 30, handle: 600 },
  { id: 'svc-consult', prefix: 'F', zh: '咨询', en: 'Enquiries', weight: 8, target: 10, handle: 180 },
];
const COUNTERS = 20;

/** mulberry32: small, fast, deterministic (the same seed, the same day every time). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function writeSyntheticHall(db: Db, o: SyntheticOptions): { tickets: number; events: number } {
  const branchId = o.branchId ?? 'b1';
  const tz = o.timezone ?? 'Asia/Shanghai';
  const rand = rng(o.seed ?? 1);
  const exp = (mean: number) => -Math.log(1 - rand()) * mean;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const counters = Array.from({ length: COUNTERS }, (_, i) => ({
    id: `ctr-${i + 1}`,
    clerk: `clerk-${i + 1}`,
    services: [SERVICES[i % SERVICES.length]!.id, SERVICES[(i + 2) % SERVICES.length]!.id],
  }));
  new ConfigStore(db).insertHall({
    branch: {
      id: branchId,
      nameZh: '示例大厅',
      nameEn: 'Sample hall',
      timezone: tz,
      settings: {},
      currentDay: null,
    },
    services: SERVICES.map((s, i) => ({
      id: s.id,
      branchId,
      prefix: s.prefix,
      nameZh: s.zh,
      nameEn: s.en,
      targetWaitMinutes: s.target,
      defaultServiceMinutes: s.handle / 60,
      sortOrder: i,
    })),
    counters: counters.map((c, i) => ({
      id: c.id,
      branchId,
      number: i + 1,
      nameZh: `综合窗口`,
      nameEn: `General`,
      profile: {
        services: c.services.map((serviceId, level) => ({ serviceId, level: level + 1 })),
        rules: [],
      },
    })),
  });
  const client = db.$client;
  const insUser = client.prepare(
    `insert or ignore into users (id, username, display_name, role, branch_id, password_hash, active, created_at)
     values (?, ?, ?, 'clerk', ?, 'x', 1, 0)`,
  );
  for (const c of counters) insUser.run(c.clerk, c.clerk, `Clerk ${c.clerk.slice(6)}`, branchId);
  const insEvent = client.prepare(
    `insert into events (branch_id, at, type, actor_kind, actor_id, counter_id, ticket_id, reason, payload)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insTicket = client.prepare(
    `insert into tickets (id, branch_id, service_id, business_day, seq, code, ticket_class, status, rank, issued_at,
       queued_at, called_at, started_at, finished_at, counter_id, target_counter_id, call_count, call_rule,
       call_rule_detail, outcome, estimated_wait_at_issue, locale, track_key, person_hash, person_masked,
       origin_service_id, issued_service_id, idempotency_key, issued_by)
     values (?, ?, ?, ?, ?, ?, 'normal', ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, 'zh-CN', ?, null, ?, ?, ?, null, 'kiosk')`,
  );
  const insRating = client.prepare(
    `insert into ratings (id, ticket_id, branch_id, service_id, counter_id, clerk_id, score, reason, source, at)
     values (?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const weights = SERVICES.flatMap((s) => Array<typeof s>(s.weight).fill(s));
  let tickets = 0;
  let events = 0;
  const ev = (
    at: number,
    type: string,
    actor: string,
    counter: string | null,
    ticket: string | null,
    reason: string | null,
    payload: object,
  ) => {
    insEvent.run(
      branchId,
      at,
      type,
      actor === 'kiosk' ? 'device' : 'user',
      actor,
      counter,
      ticket,
      reason,
      JSON.stringify(payload),
    );
    events++;
  };
  /** A call by a counter's clerk; the history writes no recalls, so each call counts 1. */
  const called = (at: number, c: { id: string; clerk: string }, ticket: string, rule: string) =>
    ev(at, 'ticket.called', c.clerk, c.id, ticket, null, { rule, detail: '', callCount: 1 });
  for (let d = 0; d < o.days; d++) {
    const day = addDays(o.from, d);
    const midnight = dayStart(day, tz);
    const t = (minutes: number) => midnight + Math.round(minutes * 60) * 1000;
    client.transaction(() => {
      for (const c of counters) {
        ev(t(8 * 60 + 25), 'counter.opened', c.clerk, c.id, null, null, { clerkId: c.clerk });
        const lunch = 11.5 * 60 + rand() * 60;
        ev(t(lunch), 'counter.paused', c.clerk, c.id, null, 'lunch', {});
        ev(t(lunch + 30 + rand() * 30), 'counter.resumed', c.clerk, c.id, null, null, {});
        if (rand() < 0.3) {
          const p = 14 * 60 + rand() * 120;
          ev(t(p), 'counter.paused', c.clerk, c.id, null, pick(['toilet', 'consult', 'meeting']), {});
          ev(t(p + 3 + rand() * 15), 'counter.resumed', c.clerk, c.id, null, null, {});
        }
        ev(t(17 * 60 + 45), 'counter.closed', c.clerk, c.id, null, 'end of day', {});
      }
      const seqs = new Map<string, number>();
      const n = Math.round(o.ticketsPerDay * (0.8 + rand() * 0.4));
      for (let i = 0; i < n; i++) {
        // Arrivals: a morning peak around 09:30 and a smaller one around 14:30.
        const peak = rand() < 0.6 ? 9.5 * 60 : 14.5 * 60;
        const issueMin = Math.min(
          17 * 60 + 15,
          Math.max(8.5 * 60, peak + (rand() + rand() + rand() - 1.5) * 120),
        );
        const svc = pick(weights);
        const seq = (seqs.get(svc.id) ?? 0) + 1;
        seqs.set(svc.id, seq);
        const id = `${day}-${svc.prefix}${seq}`;
        const code = `${svc.prefix}${String(seq).padStart(3, '0')}`;
        const issuedAt = t(issueMin);
        const promised = Math.round(exp(svc.target * 0.8));
        const eligible = counters.filter((c) => c.services.includes(svc.id));
        const ctr = pick(eligible.length ? eligible : counters);
        ev(issuedAt, 'ticket.issued', 'kiosk', null, id, null, {
          ticket: {
            id,
            branchId,
            serviceId: svc.id,
            businessDay: day,
            seq,
            code,
            status: 'waiting',
            issuedAt,
            estimatedWaitAtIssue: promised,
          },
        });
        const roll = rand();
        let at = issuedAt;
        let status = 'done';
        let outcome = 'served';
        let serviceId = svc.id;
        let calledAt: number | null = null;
        let startedAt: number | null = null;
        let counterId: string | null = null;
        if (roll < 0.04) {
          // Left uncalled.
          at += Math.round(exp(25 * 60)) * 1000;
          ev(at, 'ticket.cancelled', 'kiosk', null, id, null, { by: 'holder' });
          status = 'cancelled';
          outcome = 'cancelled_by_holder';
        } else {
          at += Math.round(exp(svc.target * 50)) * 1000;
          calledAt = at;
          counterId = ctr.id;
          called(at, ctr, id, 'level_fifo');
          if (roll < 0.1) {
            at += 60_000 + Math.round(rand() * 120) * 1000;
            ev(at, 'ticket.no_show', ctr.clerk, ctr.id, id, 'marked by clerk', { auto: false });
            status = 'no_show';
            outcome = 'no_show';
          } else {
            at += Math.round(20 + rand() * 60) * 1000;
            startedAt = at;
            ev(at, 'ticket.started', ctr.clerk, ctr.id, id, null, {});
            if (roll < 0.13) {
              at += Math.round(exp(svc.handle * 0.5)) * 1000;
              const to = pick(SERVICES);
              ev(at, 'ticket.transferred', ctr.clerk, ctr.id, id, null, {
                toServiceId: to.id,
                targetCounterId: null,
                placement: 'last',
                rank: at,
              });
              serviceId = to.id;
              const c2 = pick(counters);
              at += Math.round(exp(to.target * 40)) * 1000;
              calledAt = at;
              counterId = c2.id;
              called(at, c2, id, 'level_fifo');
              at += 30_000;
              startedAt = at;
              ev(at, 'ticket.started', c2.clerk, c2.id, id, null, {});
            } else if (roll < 0.15) {
              at += 120_000;
              ev(at, 'ticket.parked', ctr.clerk, ctr.id, id, 'fetch documents', {});
              at += Math.round(exp(600)) * 1000;
              called(at, ctr, id, 'callback');
            }
            at += Math.round(exp(svc.handle)) * 1000;
            const who = counters.find((c) => c.id === counterId)!;
            ev(at, 'ticket.finished', who.clerk, who.id, id, null, {
              outcome: rand() < 0.05 ? 'referred' : 'served',
            });
            if (rand() < 0.8) {
              const score =
                rand() < 0.15
                  ? null
                  : rand() < 0.05
                    ? 1 + Math.floor(rand() * 2)
                    : 3 + Math.floor(rand() * 3);
              insRating.run(
                `r-${id}`,
                id,
                branchId,
                serviceId,
                who.id,
                who.clerk,
                score,
                score === null ? 'timeout' : 'pad',
                at + 20_000,
              );
            }
          }
        }
        insTicket.run(
          id,
          branchId,
          serviceId,
          day,
          seq,
          code,
          status,
          issuedAt,
          issuedAt,
          issuedAt,
          calledAt,
          startedAt,
          at,
          counterId,
          calledAt ? 1 : 0,
          calledAt ? 'level_fifo' : null,
          null,
          outcome,
          promised,
          `k-${id}`,
          rand() < 0.1 ? '138****5678' : null,
          serviceId === svc.id ? null : svc.id,
          svc.id,
        );
        tickets++;
      }
    })();
  }
  return { tickets, events };
}
