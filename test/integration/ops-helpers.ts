import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildWhenStale } from '../support/ui-build.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Compiles the server (server/dist) when it is missing or older than its sources, so that one
 * suite can run on its own; `npm test` has built it already.
 */
export function ensureServerBuilt(): Promise<void> {
  return buildWhenStale(
    join(ROOT, 'server/.build-lock'),
    join(ROOT, 'server/dist/main.js'),
    ['server/src', 'db/src', 'drivers/src'].map((d) => join(ROOT, d)),
    () => execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: ROOT, stdio: 'pipe' }),
  );
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
