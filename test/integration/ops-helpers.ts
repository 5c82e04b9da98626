import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((e) => newest(join(path, e))));
}

/**
 * Compiles the server (server/dist) when it is missing or older than its sources, so that one
 * suite can run on its own; `npm test` has built it already. A directory lock keeps parallel
 * suites from writing the bundle while another one starts it.
 */
export async function ensureServerBuilt(): Promise<void> {
  const lock = join(ROOT, 'server/.build-lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${lock} held for 2 minutes; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const built = newest(join(ROOT, 'server/dist/main.js'));
    const sources = Math.max(...['server/src', 'db/src', 'drivers/src'].map((d) => newest(join(ROOT, d))));
    if (built < sources) execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs `npm run backup` / `npm run restore` (the compiled command, see ensureServerBuilt) for a data directory. */
export function runOpsCli(
  command: 'backup' | 'restore',
  args: string[],
  dataDir: string,
): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/run.mjs', command, ...args], {
    cwd: ROOT,
    env: { ...process.env, GUICHET_DATA_DIR: dataDir, GUICHET_DB_FILE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((res) => {
    child.once('exit', (code) => res({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Permission bits of a file or directory, as an octal string such as "600". */
export function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}
