// Measures how long the built server takes from process start to `/api/v1/health` answering 200:
// a first start on an empty data directory (demo hall created), then N restarts after kill -9
// with tickets in the database, and one start of the TypeScript sources through tsx for
// comparison. Needs `npm run build`. Usage: node scripts/time-to-healthy.mjs [restarts=10]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, localServerEnv } from '../test/support/local-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const restarts = Number(process.argv[2] ?? 10);
const dataDir = mkdtempSync(join(tmpdir(), 'guichet-healthy-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = localServerEnv(port, dataDir);

/**
 * CPU time the server used so far (user + system, from /proc): unlike wall time it hardly
 * depends on how busy the machine is. Null where /proc is missing.
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return null;
  }
}

/** Starts the server and polls health every 10 ms; resolves with the child and the milliseconds. */
async function startAndTime(args) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = null;
  child.once('exit', (code) => {
    exited = code;
  });
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited} before it was healthy`);
    if (performance.now() - started > 60_000) throw new Error('not healthy after 60 s');
    const ok = await fetch(`${base}/api/v1/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, ms: performance.now() - started, cpu: cpuMs(child.pid) };
    await new Promise((res) => setTimeout(res, 10));
  }
}

const stop = (child, signal) =>
  new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', res);
    child.kill(signal);
  });

async function issueSome(n) {
  const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
  await Promise.all(
    Array.from({ length: n }, () =>
      fetch(`${base}/api/v1/branches/demo-hall/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${creds.devices['kiosk-1']}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: 'svc-social' }),
      }).then((r) => r.arrayBuffer()),
    ),
  );
}

const load = loadavg()[0];
// As `npm start` runs it (package.json).
const built = ['--single-threaded-gc', 'scripts/run.mjs', 'start'];
const first = await startAndTime(built);
await issueSome(50);
const afterKill = [];
const afterKillCpu = [];
let child = first.child;
for (let i = 0; i < restarts; i++) {
  await stop(child, 'SIGKILL');
  const run = await startAndTime(built);
  afterKill.push(run.ms);
  afterKillCpu.push(run.cpu);
  child = run.child;
  await issueSome(20);
}
await stop(child, 'SIGTERM');
const tsx = await startAndTime(['--import', 'tsx', 'server/src/main.ts']);
await stop(tsx.child, 'SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const sorted = [...afterKill].sort((a, b) => a - b);
function median(values) {
  const v = values.filter((x) => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
}
const ms = (n) => `${Math.round(n)} ms`;
const result = {
  firstStart: Math.round(first.ms),
  afterKill9: {
    n: sorted.length,
    min: Math.round(sorted[0] ?? 0),
    median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max: Math.round(sorted.at(-1) ?? 0),
  },
  tsxSources: Math.round(tsx.ms),
  cpuMs: { firstStart: first.cpu, afterKill9Median: median(afterKillCpu), tsxSources: tsx.cpu },
  loadAverage: [load, loadavg()[0]],
};
process.stdout.write(
  `time to healthy (node ${process.version}):\n` +
    `  first start, empty data dir (demo hall created): ${ms(first.ms)}\n` +
    `  after kill -9 ×${sorted.length}: min ${ms(result.afterKill9.min)}, median ${ms(result.afterKill9.median)}, max ${ms(result.afterKill9.max)}\n` +
    `  for comparison, the TypeScript sources through tsx: ${ms(tsx.ms)}\n` +
    `  CPU time used until healthy: first ${result.cpuMs.firstStart} ms, after kill -9 (median) ${result.cpuMs.afterKill9Median} ms, tsx ${result.cpuMs.tsxSources} ms\n` +
    `  machine load average (1 min) before / after: ${result.loadAverage.map((l) => l.toFixed(1)).join(' / ')} on ${availableParallelism()} cores\n` +
    `${JSON.stringify(result)}\n`,
);
