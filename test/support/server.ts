import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, localServerEnv } from './local-server.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

export type { DemoCredentials } from '../../server/src/demo/seed.js';
export { api, login } from './api.js';
export { freePort } from './local-server.mjs';

import type { DemoCredentials } from '../../server/src/demo/seed.js';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  demo: DemoCredentials;
  proc: ChildProcess;
  /** Graceful stop (SIGTERM), waiting for exit. */
  stop(): Promise<void>;
  /** kill -9: no shutdown code runs. */
  kill(): Promise<void>;
  /** Starts again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops and removes the data directory. */
  dispose(): Promise<void>;
  output(): string;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Run the compiled server (server/dist/main.js, see ensureServerBuilt) instead of the sources through tsx. */
  built?: boolean;
}

/** Runs the real server (node + tsx, the demo hall, a temp SQLite file) as a child process on 127.0.0.1. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'guichet-test-'));
  const port = options.port ?? (await freePort());
  let proc: ChildProcess;
  let out = '';

  const launch = async () => {
    out = '';
    const main = options.built ? ['server/dist/main.js'] : ['--import', 'tsx', 'server/src/main.ts'];
    proc = spawn(process.execPath, main, {
      cwd: ROOT,
      env: localServerEnv(port, dataDir, { GUICHET_ADMIN_PASSWORD: 'admin-test-password', ...options.env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = proc;
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('GUICHET_READY')) {
          clearTimeout(timer);
          res();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (c: Buffer) => {
        out += c.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        rej(new Error(`server exited with ${code} before it was ready:\n${out}`));
      });
    });
  };
  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((res) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return res();
      proc.once('exit', () => res());
      proc.kill(signal);
    });

  await launch();
  // Without the demo (GUICHET_DEMO=0) there is no credentials file: no demo accounts or devices.
  const credentials = join(dataDir, 'demo-credentials.json');
  const demo = existsSync(credentials)
    ? (JSON.parse(readFileSync(credentials, 'utf8')) as DemoCredentials)
    : ({ passwords: {}, devices: {} } as unknown as DemoCredentials);
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    demo,
    get proc() {
      return proc;
    },
    stop: () => waitExit('SIGTERM'),
    kill: () => waitExit('SIGKILL'),
    restart: launch,
    async dispose() {
      await waitExit('SIGTERM');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => out,
  };
  return server;
}
