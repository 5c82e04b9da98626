/**
 * 1. Ticket issue over HTTP: the bare routes (synchronous FULL and NORMAL) and Guichet (fresh
 * database and a year of history) alive side by side, loaded in turn at each concurrency: a
 * warm-up each, then OPTIONS.repetitions slices of OPTIONS.sliceMs, the order rotated every
 * repetition so a drift in the machine's load hits every target alike.
 */
import { runLoad } from './http-load.js';
import { BRANCH, OPTIONS, PLAIN_SERVICES } from './options.js';
import { type Proc, usage } from './procs.js';
import { fmt, p, type Spread, spread, target } from './stats.js';

export interface IssueTarget {
  label: string;
  proc: Proc;
  token: string | null;
  /** The target the ratios are taken against, and the Guichet rows the ratio target applies to. */
  role: 'bare-full' | 'bare-normal' | 'guichet';
}

interface Slice {
  created: number;
  p50: number;
  p99: number;
  elu: number;
  cpuPerReq: number;
  refusals: Record<string, number>;
}

let person = 0;

function load(t: IssueTarget, c: number, ms: number, run: string) {
  const path = t.role === 'guichet' ? `/api/v1/branches/${BRANCH}/tickets` : '/tickets';
  return runLoad({
    port: t.proc.port,
    path,
    connections: c,
    durationMs: ms,
    make: (i) => ({
      body: { serviceId: PLAIN_SERVICES[i % PLAIN_SERVICES.length] },
      headers: {
        'idempotency-key': `bench-${run}-${person++}`,
        ...(t.token ? { authorization: `Bearer ${t.token}` } : {}),
      },
    }),
  });
}

async function slice(t: IssueTarget, c: number, run: string): Promise<Slice> {
  const s0 = await t.proc.stats();
  const r = await load(t, c, OPTIONS.sliceMs, run);
  const u = usage(s0, await t.proc.stats());
  return {
    created: ((r.statuses[201] ?? 0) * 1000) / r.elapsedMs,
    p50: p(r.latencies, 0.5),
    p99: p(r.latencies, 0.99),
    elu: u.elu,
    cpuPerReq: u.cpuMicros / Math.max(1, r.count),
    refusals: r.refusals,
  };
}

export interface IssueFigures {
  concurrency: number;
  rows: {
    label: string;
    role: string;
    created: Spread;
    p50: Spread;
    p99: Spread;
    elu: Spread;
    cpuPerReq: Spread;
  }[];
  ratios: { label: string; against: string; ratio: Spread; target: string | null }[];
}

export async function measureIssue(
  targets: IssueTarget[],
  say: (s?: string) => void,
): Promise<IssueFigures[]> {
  const out: IssueFigures[] = [];
  for (const c of OPTIONS.concurrencies) {
    for (const t of targets) await load(t, c, OPTIONS.warmupMs, `warm-${c}`);
    const slices = new Map<IssueTarget, Slice[]>(targets.map((t) => [t, []]));
    for (let rep = 0; rep < OPTIONS.repetitions; rep++) {
      const rotated = [...targets.slice(rep % targets.length), ...targets.slice(0, rep % targets.length)];
      for (const t of rep % 2 ? rotated.reverse() : rotated)
        slices.get(t)!.push(await slice(t, c, `${c}-${rep}`));
    }
    const rows = targets.map((t) => {
      const s = slices.get(t)!;
      return {
        label: t.label,
        role: t.role,
        created: spread(s.map((x) => x.created)),
        p50: spread(s.map((x) => x.p50)),
        p99: spread(s.map((x) => x.p99)),
        elu: spread(s.map((x) => x.elu * 100)),
        cpuPerReq: spread(s.map((x) => x.cpuPerReq)),
      };
    });
    // Ratios pair the slices of one repetition, which ran back to back.
    const ratio = (a: IssueTarget, b: IssueTarget) =>
      spread(slices.get(a)!.map((x, i) => x.created / slices.get(b)!.map((y) => y.created)[i]!));
    const full = targets.find((t) => t.role === 'bare-full')!;
    const normal = targets.find((t) => t.role === 'bare-normal')!;
    const ratios = targets
      .filter((t) => t.role === 'guichet')
      .flatMap((g) => [
        { label: g.label, against: full.label, ratio: ratio(g, full), target: 'full' },
        { label: g.label, against: normal.label, ratio: ratio(g, normal), target: null },
      ])
      .map((r) => ({ ...r, target: r.target ? target(r.ratio.median, '>=', 1.0) : null }));
    out.push({ concurrency: c, rows, ratios });

    say(`   c=${c}: median (min–max) of ${OPTIONS.repetitions} × ${OPTIONS.sliceMs / 1000} s`);
    say(
      `   ${'target'.padEnd(24)}${'tickets/s'.padEnd(22)}${'p50 ms'.padEnd(20)}${'p99 ms'.padEnd(20)}${'event loop %'.padEnd(20)}CPU µs/request`,
    );
    for (const r of rows) {
      say(
        `   ${r.label.padEnd(24)}${fmt(r.created).padEnd(22)}${fmt(r.p50).padEnd(20)}${fmt(r.p99).padEnd(20)}${fmt(r.elu).padEnd(20)}${fmt(r.cpuPerReq)}`,
      );
    }
    for (const r of ratios) {
      say(
        `   ${`${r.label} / ${r.against}`.padEnd(40)} tickets/s ×${fmt(r.ratio)}${r.target ? `   ${r.target}` : '   (for information)'}`,
      );
    }
    for (const t of targets) {
      const refused: Record<string, number> = {};
      for (const s of slices.get(t)!)
        for (const [k, n] of Object.entries(s.refusals)) refused[k] = (refused[k] ?? 0) + n;
      if (Object.keys(refused).length) say(`   ${t.label} refusals: ${JSON.stringify(refused)}`);
    }
    say();
  }
  return out;
}
