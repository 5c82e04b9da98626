import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** CI sets GUICHET_REQUIRE_ALL=1: a missing tool must fail the run instead of skipping. */
export const requireAll = process.env.GUICHET_REQUIRE_ALL === '1';

/** SOCAT_BIN overrides the PATH lookup (also how the skip path itself was checked). */
export const socatBinary = process.env.SOCAT_BIN
  ? existsSync(process.env.SOCAT_BIN)
    ? process.env.SOCAT_BIN
    : undefined
  : (process.env.PATH ?? '')
      .split(path.delimiter)
      .map((dir) => path.join(dir, 'socat'))
      .find((candidate) => existsSync(candidate));

/**
 * Why a socat suite must be skipped, or null to run it. With GUICHET_REQUIRE_ALL=1 it never
 * skips: the suite runs and fails when starting socat. The test file prints the reason.
 */
export function socatSkipReason(): string | null {
  if (socatBinary || requireAll) return null;
  return 'socat not found in PATH (apt-get install socat); set GUICHET_REQUIRE_ALL=1 to fail instead';
}

export interface SocatPair {
  readonly a: string;
  readonly b: string;
  /** Kills socat: both ends disappear, like unplugging a USB adapter. */
  stop(): Promise<void>;
}

/** Starts `socat pty,link=a pty,link=b` and waits until it is relaying. */
export async function startSocatPair(a: string, b: string): Promise<SocatPair> {
  if (!socatBinary) throw new Error('socat is required (GUICHET_REQUIRE_ALL=1) but not found in PATH');
  const child: ChildProcess = spawn(
    socatBinary,
    ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`socat did not start: ${log}`)), 5000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited with ${code}: ${log}`));
    });
  });
  child.stderr?.resume();
  return {
    a,
    b,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
