/**
 * Screens after a server restart: the time from the stop until every screen is back with a fresh
 * state (Guichet: its `branch:subscribe` answered again; bare Socket.IO: reconnected). The
 * screens reconnect with the hall display's own backoff settings.
 */
import { performance } from 'node:perf_hooks';
import { OPTIONS } from './options.js';
import { startBare } from './procs.js';
import { Screens } from './screens.js';
import { p } from './stats.js';

export interface Resync {
  /** ms the old server took to stop. */
  stopMs: number;
  /** ms from the stop to the last screen synced. */
  allMs: number;
  /** ms from the new server listening to the last screen synced. */
  afterListenMs: number;
  p50Ms: number;
  synced: number;
}

/** Stops the server, starts it again on the same port (resolving once listening), and waits for the screens. */
export async function resync(
  screens: Screens,
  stop: () => Promise<void>,
  start: () => Promise<void>,
): Promise<Resync> {
  const t0 = performance.now();
  await stop();
  const stopMs = performance.now() - t0;
  await start();
  const listening = performance.now() - t0;
  const synced = await screens.waitSynced(t0, 180_000);
  const times = [...screens.syncedAt].filter((t) => t > t0).map((t) => t - t0);
  const allMs = Math.max(...times);
  return { stopMs, allMs, afterListenMs: allMs - listening, p50Ms: p(times, 0.5), synced };
}

/** The bare comparator: a Socket.IO server with OPTIONS.screens clients, stopped and started again. */
export async function bareReconnect(): Promise<Resync> {
  let bare = await startBare('bare-io');
  const port = bare.port;
  const screens = new Screens({ port, count: OPTIONS.screens, reconnect: true });
  try {
    await screens.connect();
    return await resync(
      screens,
      () => bare.stop(),
      async () => {
        bare = await startBare('bare-io', '', port);
      },
    );
  } finally {
    screens.close();
    await bare.stop();
  }
}
