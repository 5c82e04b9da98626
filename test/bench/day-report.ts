/** 4. The long day and the resync harnesses, printed with their targets. */
import { longDay } from './day.js';
import { OPTIONS } from './options.js';
import { bareReconnect } from './resync.js';
import { displayReconnect } from './screens.js';
import { fmt, mib, num, spread, target } from './stats.js';

export async function daySection(work: string, say: (s?: string) => void) {
  const r = displayReconnect();
  say(
    `4. Long day: ${OPTIONS.apiCycles.toLocaleString('en-US')} issue → call-next → finish cycles through the API, today filled to ${OPTIONS.dayTickets.toLocaleString('en-US')} tickets, ${OPTIONS.endCycles.toLocaleString('en-US')} more cycles; resync of ${OPTIONS.screens} screens`,
  );
  say(
    `   (screens reconnect like the hall display: delay ${r.reconnectionDelay}–${r.reconnectionDelayMax} ms, randomization ${r.randomizationFactor})`,
  );
  const bare1 = await bareReconnect();
  const day = await longDay(work, say);
  const bare2 = await bareReconnect();
  const bareAll = spread([bare1.allMs, bare2.allMs].map((x) => x / 1000));
  const snap = (label: string, d: typeof day.fresh) =>
    say(
      `   ${label.padEnd(22)} snapshot (subscribe ack) p50 ${num(d.snapshotP50)} ms, p99 ${num(d.snapshotP99)} ms, ${num(d.snapshotBytes / 1024)} KiB; ${d.subscribed} of ${OPTIONS.screens} screens subscribed in ${num(d.subscribe1000Ms / 1000)} s${d.lost ? `; ${d.lost} snapshot requests lost with their socket` : ''}`,
    );
  snap('fresh day:', day.fresh);
  snap(`after ${day.dayTickets.toLocaleString('en-US')} tickets:`, day.end);
  say(
    `   snapshot p50 at the day's end ${num(day.end.snapshotP50)} ms   ${target(day.end.snapshotP50, '<=', 3)} (≤ 3 ms at 100,000 tickets)`,
  );
  const c = day.cycles.issue;
  const e = day.endCycles.issue;
  say(
    `   issue latency in the API cycles: fresh day (first 1,000) p50 ${num(c.firstP50)} / p99 ${num(c.firstP99)} ms; at the day's end (${day.endCycles.cycles} cycles) p50 ${num(e.p50)} / p99 ${num(e.p99)} ms`,
  );
  say(
    `   bare Socket.IO reconnect of ${OPTIONS.screens} clients after a restart: ${fmt(bareAll, ' s')} (before and after the day; stop ${num(bare1.stopMs / 1000)} / ${num(bare2.stopMs / 1000)} s)`,
  );
  for (const [label, x] of [
    ['fresh day', day.resyncFresh],
    ['after the long day', day.resyncEnd],
  ] as const) {
    // A screen still not back when the harness gave up leaves the ratio unbounded.
    const ratio = x.synced < OPTIONS.screens ? Number.POSITIVE_INFINITY : x.allMs / 1000 / bareAll.median;
    say(
      `   Guichet resync, ${label}: ${x.synced} of ${OPTIONS.screens} screens in ${num(x.allMs / 1000)} s from the stop (stop ${num(x.stopMs / 1000)} s, ${num(x.afterListenMs / 1000)} s after listening, p50 ${num(x.p50Ms / 1000)} s) ×${num(ratio)} bare   ${target(ratio, '<=', 1.5)}`,
    );
  }
  say(
    `   database: ${mib(day.dbBefore)} → ${mib(day.dbAfter)} (WAL checkpointed), ${num(day.dbBytesPerCycle)} B per cycle   ${target(day.dbBytesPerCycle, '<=', 1024)} (≤ 1 KiB)`,
  );
  say(
    `   log at info: ${num(day.logBytesPerCycle)} B per cycle (${mib(day.logBytesPerCycle * 100_000)} per 100,000)`,
  );
  return { ...day, bareReconnect: [bare1, bare2] };
}
