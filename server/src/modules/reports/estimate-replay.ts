import {
  callNext,
  closeCounter,
  finishService,
  openCounter,
  startService,
} from '../../core/counter-commands.js';
import { estimateWait } from '../../core/estimate.js';
import { aheadOf } from '../../core/routing.js';
import { Hall, MINUTE, makeService } from '../../core/test-support.js';
import type { Ticket } from '../../core/types.js';
import { simulateWait } from '../../core/wait-simulation.js';
import { rng } from './synthetic.js';

/**
 * Test and bench support (the server does not import it): one generated day replayed through
 * the real engine, with the old estimate (`ahead × time ÷ capacity`) and the simulated one both
 * taken at every issue, on the same state, then compared with the wait each ticket had.
 *
 * The day: 08:30 doors open and tickets arrive (Poisson, busier 9–11 and 14–16) before any
 * counter opens at 09:00; four services with different handle times; five counters with work
 * profiles — svc C is served only by counter 5, at level 2 behind its level-1 service D; counter
 * 3 takes a lunch from 12:00 to 13:00 (closed). Handle times are exponential around each
 * service's mean; a seeded generator makes the day the same on every run.
 */
export interface ReplayedTicket {
  serviceId: string;
  issuedAt: number;
  old: number | null;
  new: number | null;
  /** Issue → call, minutes; null when never called. */
  actual: number | null;
}

const SERVICES = [
  { id: 'A', minutes: 4 },
  { id: 'B', minutes: 8 },
  { id: 'C', minutes: 6 },
  { id: 'D', minutes: 5 },
];
const COUNTERS: { id: string; number: number; levels: Record<string, number> }[] = [
  { id: 'c1', number: 1, levels: { A: 1, B: 2 } },
  { id: 'c2', number: 2, levels: { A: 1, B: 2 } },
  { id: 'c3', number: 3, levels: { B: 1, A: 2 } },
  { id: 'c4', number: 4, levels: { B: 1 } },
  { id: 'c5', number: 5, levels: { D: 1, C: 2 } },
];
const WEIGHTS = { A: 0.45, B: 0.35, C: 0.1, D: 0.1 } as const;

export function replayDay(seed = 7): ReplayedTicket[] {
  const random = rng(seed);
  const start = Date.UTC(2026, 0, 15, 0, 30); // 08:30 in Asia/Shanghai
  const hall = new Hall({
    now: start,
    branch: { timezone: 'Asia/Shanghai' },
    services: SERVICES.map((s) => makeService(s.id, s.id, { defaultServiceMinutes: s.minutes })),
    counters: COUNTERS.map((c) => ({ ...c, state: 'closed' as const })),
  });
  const at = (h: number, m = 0) => Date.UTC(2026, 0, 15, h - 8, m);
  const rate = (t: number) => {
    const h = (t - at(0)) / 3_600_000;
    return h < 9 || h >= 16 ? 0.4 : (h >= 9 && h < 11) || (h >= 14 && h < 16) ? 0.7 : 0.5;
  };
  const pick = (): string => {
    let x = random();
    for (const [id, w] of Object.entries(WEIGHTS)) {
      x -= w;
      if (x < 0) return id;
    }
    return 'A';
  };
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const busyUntil = new Map<string, number>();
  const out = new Map<string, ReplayedTicket>();
  let nextArrival = start;
  const endIssue = at(16, 30);
  for (let now = start; now <= at(18); now += 15_000) {
    hall.setNow(now);
    for (const c of COUNTERS) {
      // Each command may replace the counter's object: read it afresh.
      const counter = () => hall.counter(c.id);
      const lunch = c.id === 'c3' && now >= at(12) && now < at(13);
      if (counter().state === 'closed' && now >= at(9) && !lunch) {
        hall.commit(openCounter(hall.state, c.id, `clerk-${c.id}`, hall.ctx));
      }
      if (counter().currentTicketId && now >= (busyUntil.get(c.id) ?? 0)) {
        hall.commit(finishService(hall.state, c.id, 'served', hall.ctx));
      }
      if (counter().state === 'idle' && lunch) {
        hall.commit(closeCounter(hall.state, c.id, 'lunch', hall.ctx));
        continue;
      }
      if (counter().state !== 'idle') continue;
      const called = callNext(hall.state, c.id, hall.ctx);
      if (!called.ok || !called.data.ticketId) continue;
      hall.commit(called);
      const t = hall.ticket(counter().currentTicketId!);
      const r = out.get(t.id);
      if (r && r.actual === null) r.actual = (now - t.issuedAt) / MINUTE;
      hall.commit(startService(hall.state, c.id, hall.ctx));
      const mean = SERVICES.find((s) => s.id === t.serviceId)!.minutes;
      busyUntil.set(c.id, now + 30_000 + exp(mean) * MINUTE);
    }
    while (nextArrival <= now && now <= endIssue) {
      const t = hall.issue(pick());
      out.set(t.id, { ...estimatesAt(hall, t), serviceId: t.serviceId, issuedAt: t.issuedAt, actual: null });
      nextArrival += exp(1 / rate(nextArrival)) * MINUTE;
    }
  }
  return [...out.values()];
}

/** Both estimates for a ticket just issued, on the state it was issued into. */
function estimatesAt(hall: Hall, t: Ticket): { old: number | null; new: number | null } {
  const service = hall.service(t.serviceId);
  // The old estimate counted the people ahead when the ticket joined: the ticket itself aside.
  const ahead = aheadOf(hall.state, t);
  return {
    old: estimateWait(hall.state, service, ahead).minutes,
    new: simulateWait(hall.state, service, t.issuedAt, t).minutes,
  };
}

export interface ReplayFigures {
  n: number;
  estimated: number;
  maeMinutes: number | null;
  within5Percent: number | null;
  biasMinutes: number | null;
}

/** MAE, % within ±5 min and bias (positive: waits longer than promised) over called tickets. */
export function figures(rows: readonly ReplayedTicket[], which: 'old' | 'new'): ReplayFigures {
  const called = rows.filter((r) => r.actual !== null);
  const pairs = called.filter((r) => r[which] !== null).map((r) => [r[which]!, r.actual!] as const);
  const n = pairs.length;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    n: called.length,
    estimated: n,
    maeMinutes: n ? r1(pairs.reduce((a, [e, w]) => a + Math.abs(w - e), 0) / n) : null,
    within5Percent: n ? r1((pairs.filter(([e, w]) => Math.abs(w - e) <= 5).length / n) * 100) : null,
    biasMinutes: n ? r1(pairs.reduce((a, [e, w]) => a + (w - e), 0) / n) : null,
  };
}
