/**
 * The manager asking for reports back to back, in a process of its own as her browser would
 * be: reading and unpacking a few hundred KiB of answer in the bench's own process would hold
 * the event loop that times the clerks' calls, and count against the server. Forked by
 * report-load.ts over IPC: `{type: 'start', port, token, paths}` starts the loop (paths in
 * turn), `{type: 'stop'}` ends it once the report in flight is answered, and the child answers
 * `{type: 'done', ms, failures}`. The child says `{type: 'ready'}` once it listens.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { timedGet } from './report-latency.js';
import { keepAlive } from './util.js';

interface Start {
  type: 'start';
  port: number;
  token: string;
  paths: string[];
}
export interface LoopDone {
  type: 'done';
  /** Each answered report's time, ms. */
  ms: number[];
  failures: number;
}

/** The loop's process: start it, then `run` one loop per slice. */
export function reportClient() {
  const proc = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A send on a channel the child closed (it died) is an 'error' event: said at the next stop.
  let failure: Error | null = null;
  proc.on('error', (err) => {
    failure = err;
  });
  // The child loads through tsx, asynchronously: a 'start' sent before it listens would be lost.
  const ready = new Promise<void>((resolve, reject) => {
    proc.once('message', () => resolve());
    proc.once('exit', (code) => reject(new Error(`the report client exited (${code}) before it was ready`)));
  });
  return {
    /** Starts a loop; `stop()` ends it and resolves with what it measured. */
    async run(start: Omit<Start, 'type'>): Promise<{ stop(): Promise<LoopDone> }> {
      await ready;
      proc.send({ type: 'start', ...start });
      return {
        stop: () =>
          new Promise<LoopDone>((resolve, reject) => {
            if (failure || !proc.connected) {
              reject(failure ?? new Error('the report client is gone'));
              return;
            }
            const onExit = (code: number | null) => reject(new Error(`the report client exited (${code})`));
            proc.once('exit', onExit);
            proc.once('message', (m: LoopDone) => {
              proc.off('exit', onExit);
              resolve(m);
            });
            proc.send({ type: 'stop' });
          }),
      };
    },
    close: () => {
      if (proc.connected) proc.disconnect();
    },
  };
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const agent = keepAlive();
  let stopping = false;
  let loop: Promise<LoopDone> | null = null;
  process.on('message', (m: Start | { type: 'stop' }) => {
    if (m.type === 'start') {
      stopping = false;
      loop = (async () => {
        const done: LoopDone = { type: 'done', ms: [], failures: 0 };
        for (let i = 0; !stopping; i++) {
          const r = await timedGet(agent, m.port, m.paths[i % m.paths.length]!, m.token);
          if (r.status === 200) done.ms.push(r.ms);
          else done.failures++;
        }
        return done;
      })();
    } else {
      stopping = true;
      void loop?.then((done) => process.send?.(done));
    }
  });
  process.on('disconnect', () => {
    agent.destroy();
    process.exit(0);
  });
  process.send({ type: 'ready' });
}
