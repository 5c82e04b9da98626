/**
 * 2. Call → every screen. Guichet with OPTIONS.screens hall displays subscribed, a clerk calling
 * and finishing at one counter; the bare server is Fastify + Socket.IO whose route replies first
 * and then emits the very events (names, payloads, count) Guichet's screens received for that
 * action. Each action waits for every event it causes on every screen (counted, not assumed).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BRANCH, OPTIONS } from './options.js';
import { type Guichet, type Proc, startBare, startGuichet, usage } from './procs.js';
import { type ActionResult, Screens } from './screens.js';
import { fmt, num, p, type Spread, spread, target } from './stats.js';
import { api, keepAlive } from './util.js';

type Kind = 'call' | 'finish';
const KINDS: Kind[] = ['call', 'finish'];
const QUIET_MS = 50;
const CALIBRATION_QUIET_MS = 1_000;

interface SliceFigures {
  last50: Record<Kind, number>;
  last99: Record<Kind, number>;
  reply50: Record<Kind, number>;
  reply99: Record<Kind, number>;
  bytes: Record<Kind, number>;
  events: Record<Kind, string>;
  missing: number;
  actions: number;
  elu: number;
  cpuPerAction: number;
}

interface Side {
  label: string;
  proc: Proc;
  screens: Screens;
  act(kind: Kind): Promise<void>;
  before?(): Promise<void>;
}

async function runSlice(side: Side, expected: Record<Kind, number>): Promise<SliceFigures> {
  await side.before?.();
  const r: Record<Kind, ActionResult[]> = { call: [], finish: [] };
  const s0 = await side.proc.stats();
  const end = performance.now() + OPTIONS.sliceMs;
  while (performance.now() < end) {
    for (const kind of KINDS)
      r[kind].push(await side.screens.measure(() => side.act(kind), expected[kind], QUIET_MS));
  }
  const u = usage(s0, await side.proc.stats());
  const per = <T>(f: (k: Kind) => T) => ({ call: f('call'), finish: f('finish') });
  return {
    last50: per((k) =>
      p(
        r[k].map((x) => x.lastScreenMs),
        0.5,
      ),
    ),
    last99: per((k) =>
      p(
        r[k].map((x) => x.lastScreenMs),
        0.99,
      ),
    ),
    reply50: per((k) =>
      p(
        r[k].map((x) => x.replyMs),
        0.5,
      ),
    ),
    reply99: per((k) =>
      p(
        r[k].map((x) => x.replyMs),
        0.99,
      ),
    ),
    bytes: per((k) => r[k].reduce((a, x) => a + x.bytesPerScreen, 0) / r[k].length),
    events: per((k) => {
      const lo = Math.min(...r[k].map((x) => x.minEvents));
      const hi = Math.max(...r[k].map((x) => x.maxEvents));
      return lo === hi ? String(lo) : `${lo}–${hi}`;
    }),
    missing: [...r.call, ...r.finish].reduce((a, x) => a + x.missing, 0),
    actions: r.call.length + r.finish.length,
    elu: u.elu * 100,
    cpuPerAction: u.cpuMicros / (r.call.length + r.finish.length),
  };
}

export async function measureFanout(work: string, say: (s?: string) => void) {
  mkdirSync(join(work, 'fanout'), { recursive: true });
  const g: Guichet = await startGuichet({ dataDir: join(work, 'fanout'), logFile: join(work, 'fanout.log') });
  const bare = await startBare('bare-io');
  const agent = keepAlive();
  const sides: Side[] = [];
  try {
    const kiosk = g.devices['kiosk-2']!;
    const { token } = await api<{ token: string }>(agent, g.port, 'POST', '/api/v1/auth/login', {
      username: 'clerk1',
      password: g.passwords.clerk1 ?? '',
    });
    // The counter that serves the most services, and tickets it can call.
    const gScreens = new Screens({
      port: g.port,
      count: OPTIONS.screens,
      token: g.devices['display-1'],
      subscribeTo: BRANCH,
    });
    const counter = await pickCounter(g);
    await api(agent, g.port, 'POST', `/api/v1/counters/${counter.id}/open`, {}, token);
    let waiting = 0;
    const topUp = async (to: number) => {
      for (; waiting < to; waiting++) {
        const serviceId = counter.services[waiting % counter.services.length]!;
        await api(agent, g.port, 'POST', `/api/v1/branches/${BRANCH}/tickets`, { serviceId }, kiosk);
      }
    };
    await topUp(200);
    const connectG = await gScreens.connect();
    const bScreens = new Screens({ port: bare.port, count: OPTIONS.screens });
    const connectB = await bScreens.connect();
    say(
      `   ${OPTIONS.screens} screens connected and subscribed: Guichet ${num(connectG / 1000)} s, bare ${num(connectB / 1000)} s`,
    );
    const gSide: Side = {
      label: `Guichet ${counter.id}`,
      proc: g,
      screens: gScreens,
      act: async (kind) => {
        const path = `/api/v1/counters/${counter.id}/${kind === 'call' ? 'call-next' : 'finish'}`;
        await api(agent, g.port, 'POST', path, {}, token);
        if (kind === 'call') waiting--;
      },
      // Tickets to call, issued before the slice (their broadcasts settle outside it).
      before: async () => {
        if (waiting < 150) {
          await topUp(300);
          await gScreens.measure(async () => {}, 0, 300);
        }
      },
    };
    const bSide: Side = {
      label: 'bare reply-first',
      proc: bare,
      screens: bScreens,
      act: async (kind) => void (await api(agent, bare.port, 'POST', `/act/${kind}`, {})),
    };
    sides.push(gSide, bSide);

    // Calibration: what does each action really send? Wait for a full second of silence.
    const expected = { call: 0, finish: 0 };
    for (let i = 0; i < 3; i++) {
      for (const kind of KINDS) {
        const r = await gScreens.measure(() => gSide.act(kind), 0, CALIBRATION_QUIET_MS);
        if (r.minEvents !== r.maxEvents)
          say(`   note: ${kind} reached screens unevenly: ${r.minEvents}–${r.maxEvents} events`);
        expected[kind] = Math.max(expected[kind], r.maxEvents);
        bare.proc.send({ type: 'events', kind, events: r.events });
      }
    }
    for (let i = 0; i < 3; i++)
      for (const kind of KINDS) await bScreens.measure(() => bSide.act(kind), expected[kind], QUIET_MS);

    const slices = new Map<Side, SliceFigures[]>(sides.map((s) => [s, []]));
    for (let rep = 0; rep < OPTIONS.repetitions; rep++) {
      for (const s of rep % 2 ? [...sides].reverse() : sides)
        slices.get(s)!.push(await runSlice(s, expected));
    }
    return report(sides, slices, expected, say);
  } finally {
    for (const s of sides) s.screens.close();
    agent.destroy();
    await Promise.all([g.stop(), bare.stop()]);
  }
}

async function pickCounter(g: Guichet): Promise<{ id: string; services: string[] }> {
  const one = new Screens({ port: g.port, count: 1, token: g.devices['display-1'] });
  await one.connect();
  const snap = (await one.sockets[0]!.timeout(30_000).emitWithAck('branch:subscribe', {
    branchId: BRANCH,
  })) as {
    data?: { counters: { id: string; services: { serviceId: string }[] }[] };
  };
  one.close();
  const counters = snap.data?.counters ?? [];
  const best = [...counters].sort((a, b) => b.services.length - a.services.length)[0];
  if (!best) throw new Error(`no counters in the snapshot: ${JSON.stringify(snap).slice(0, 300)}`);
  return { id: best.id, services: best.services.map((s) => s.serviceId).filter((s) => s !== 'svc-business') };
}

function report(
  sides: Side[],
  slices: Map<Side, SliceFigures[]>,
  expected: Record<Kind, number>,
  say: (s?: string) => void,
) {
  const [g, b] = sides.map((s) => slices.get(s)!) as [SliceFigures[], SliceFigures[]];
  const sp = (xs: SliceFigures[], f: (x: SliceFigures) => number): Spread => spread(xs.map(f));
  const ratio = (f: (x: SliceFigures) => number) => spread(g.map((x, i) => f(x) / f(b[i]!)));
  say(
    `   events per screen per action (counted after 1 s of silence): call ${expected.call}, finish ${expected.finish}; the bare server sends the same`,
  );
  say(
    `   median (min–max) of ${OPTIONS.repetitions} × ${OPTIONS.sliceMs / 1000} s; ms from just before the clerk's request`,
  );
  for (const kind of KINDS) {
    say(
      `   ${kind}: ${'last screen p50'.padEnd(22)}${'last screen p99'.padEnd(22)}${'clerk reply p50'.padEnd(20)}${'clerk reply p99'.padEnd(20)}${'bytes/screen'.padEnd(14)}events/screen`,
    );
    for (const [i, s] of sides.entries()) {
      const xs = i === 0 ? g : b;
      say(
        `     ${s.label.padEnd(20)}${fmt(sp(xs, (x) => x.last50[kind])).padEnd(22)}${fmt(sp(xs, (x) => x.last99[kind])).padEnd(22)}${fmt(sp(xs, (x) => x.reply50[kind])).padEnd(20)}${fmt(sp(xs, (x) => x.reply99[kind])).padEnd(20)}${num(xs[0]!.bytes[kind]).padEnd(14)}${[...new Set(xs.map((x) => x.events[kind]))].join(', ')}`,
      );
    }
  }
  const lastP50 = ratio((x) => x.last50.call);
  const lastP99 = ratio((x) => x.last99.call);
  const replyP99 = ratio((x) => x.reply99.call);
  say(
    `   call → last of ${OPTIONS.screens} screens p50 Guichet/bare ×${fmt(lastP50)}   ${target(lastP50.median, '<=', 1.2)}`,
  );
  say(
    `   call → last of ${OPTIONS.screens} screens p99 Guichet/bare ×${fmt(lastP99)}   ${target(lastP99.median, '<=', 1.2)}`,
  );
  say(
    `   clerk's own reply p99 (call) Guichet/bare reply-first ×${fmt(replyP99)}   ${target(replyP99.median, '<=', 2)}`,
  );
  for (const [i, s] of sides.entries()) {
    const xs = i === 0 ? g : b;
    say(
      `   ${s.label}: event loop ${fmt(
        sp(xs, (x) => x.elu),
        ' %',
      )}, CPU ${fmt(sp(xs, (x) => x.cpuPerAction))} µs per action, ${xs.reduce((a, x) => a + x.actions, 0)} actions, ${xs.reduce((a, x) => a + x.missing, 0)} screens missed an event`,
    );
  }
  return { expected, lastP50, lastP99, replyP99, guichet: g, bare: b };
}
