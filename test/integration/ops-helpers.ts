import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `npm run backup` / `npm run restore`'s command from source (tsx) with the server's environment. */
export function runOpsCli(
  command: 'backup' | 'restore',
  args: string[],
  dataDir: string,
): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', `server/src/ops/${command}-cli.ts`, ...args], {
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
