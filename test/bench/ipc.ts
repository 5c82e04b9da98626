import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';

export type ParentMessage = { type: 'cpu' } | { type: 'stop' } | { type: 'payload'; payload: unknown };

export type ChildReply =
  | {
      type: 'ready';
      port: number;
      devices: Record<string, string>;
      passwords?: Record<string, string>;
      dbFile: string | null;
    }
  | { type: 'cpu'; userMicros: number; systemMicros: number };

export interface Child {
  port: number;
  devices: Record<string, string>;
  /** The demo accounts' passwords (guichet mode). */
  passwords: Record<string, string>;
  dbFile: string | null;
  /** CPU time the child has used so far, in ms (user + system). */
  cpuMs(): Promise<number>;
  send(msg: ParentMessage): void;
  stop(): Promise<void>;
}

const CHILD = resolve(import.meta.dirname, 'child.ts');

/** Starts test/bench/child.ts in its own Node process (through tsx) and waits for it to listen. */
export async function startChild(mode: 'guichet' | 'bare-http' | 'bare-io', dataDir = ''): Promise<Child> {
  const proc: ChildProcess = fork(CHILD, [mode, dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<ChildReply, { type: 'ready' }>>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${mode} did not start within 30 s`)), 30_000);
    proc.once('exit', (code) => rej(new Error(`${mode} exited with ${code} before it was ready`)));
    proc.on('message', (m: ChildReply) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        res(m);
      }
    });
  });
  proc.removeAllListeners('exit');
  return {
    port: ready.port,
    devices: ready.devices,
    passwords: ready.passwords ?? {},
    dbFile: ready.dbFile,
    send: (msg) => proc.send(msg),
    cpuMs: () =>
      new Promise((res) => {
        const on = (m: ChildReply) => {
          if (m.type !== 'cpu') return;
          proc.off('message', on);
          res((m.userMicros + m.systemMicros) / 1000);
        };
        proc.on('message', on);
        proc.send({ type: 'cpu' } satisfies ParentMessage);
      }),
    stop: () =>
      new Promise((res) => {
        if (proc.exitCode !== null) return res();
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          res();
        });
        proc.send({ type: 'stop' } satisfies ParentMessage);
      }),
  };
}
