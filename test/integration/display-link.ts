import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import {
  BRANCH_DELTA_EVENTS,
  type BranchDelta,
  type BranchSnapshot,
} from '../../server/src/protocol/index.js';
import { connect, connected, type GuichetClient, type Hall, subscribe, until } from './helpers.js';

/**
 * A TCP gate in front of the server for the display's connection: while shut, it refuses every
 * connection, so the test decides when the display is "away" independently of the server.
 */
export function gate(targetPort: number): Promise<{ port: number; open: boolean; close(): Promise<void> }> {
  const live = new Set<Socket>();
  const state = { open: true };
  const srv: Server = createServer((client) => {
    if (!state.open) return client.destroy();
    const up = tcpConnect(targetPort, '127.0.0.1');
    live.add(client);
    live.add(up);
    client.pipe(up).pipe(client);
    const drop = () => {
      client.destroy();
      up.destroy();
      live.delete(client);
      live.delete(up);
    };
    client.on('error', drop).on('close', drop);
    up.on('error', drop).on('close', drop);
  });
  return new Promise((res) => {
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      res({
        port,
        get open() {
          return state.open;
        },
        set open(v: boolean) {
          state.open = v;
          if (!v) for (const s of live) s.destroy();
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of live) s.destroy();
            srv.close(() => r());
          }),
      });
    });
  });
}

export type Gate = Awaited<ReturnType<typeof gate>>;

export interface Received {
  event: string;
  delta: BranchDelta;
}

/** A hall display (display-1) behind a gate: resubscribes on every (re)connect and records all it gets. */
export interface DisplayLink {
  proxy: Gate;
  display: GuichetClient;
  snapshots: BranchSnapshot[];
  received: Received[];
  close(): Promise<void>;
}

export async function followBranch(server: Hall): Promise<DisplayLink> {
  if (!server.url) throw new Error('followBranch needs a listening server');
  const proxy = await gate(Number(new URL(server.url).port));
  const display = connect(
    { ...server, url: `http://127.0.0.1:${proxy.port}` },
    server.demo.devices['display-1'],
    true,
  );
  const snapshots: BranchSnapshot[] = [];
  const received: Received[] = [];
  // What a display does: on every (re)connect, subscribe again and start from the snapshot.
  display.on('connect', () => {
    subscribe(display).then(
      (s) => snapshots.push(s),
      (err: unknown) => console.error('resubscribe failed', err),
    );
  });
  for (const event of BRANCH_DELTA_EVENTS) {
    display.on(event, (delta: BranchDelta) => received.push({ event, delta }));
  }
  await connected(display);
  await until(() => snapshots.length === 1, 5_000, 'the first snapshot');
  return {
    proxy,
    display,
    snapshots,
    received,
    async close() {
      display.close();
      await proxy.close();
    },
  };
}
