import type { Server as HttpServer } from 'node:http';
import type { Kernel } from '../../kernel/index.js';
import type { Principal } from '../auth/auth.js';
import type { DeviceAlert } from '../devices/registry.js';
import type { QueueReads } from '../queue/reads.js';
import { Broadcaster } from './broadcaster.js';
import { watchOpening } from './opening-watch.js';
import { createPadFeed, type PadFeed, type PadFeedDeps } from './pad-feed.js';
import { createSocketServer, type SocketDeps, toBranchStaff } from './socket-server.js';

export interface Realtime {
  broadcaster: Broadcaster;
  /** For modules with their own subscriptions (the live monitor). */
  io: ReturnType<typeof createSocketServer>['io'];
  pads: PadFeed;
  /** Tells the staff consoles of the device's branch that it went on- or offline. */
  deviceAlert(alert: DeviceAlert): void;
  revalidate(): void;
  /** Open sockets: in total and the number of addresses they come from. */
  connections(): { total: number; addresses: number };
  /** The devices with a socket connected now (the manager's device list shows them online). */
  connectedDevices(): Set<string>;
  close(): void;
}

/**
 * Socket.IO: the versioned branch stream (a delta per committed event), ticket tracking for
 * phones, rating pads. Reads of the queue are taken lazily: the queue needs the stream's position.
 */
export function createRealtime(
  http: HttpServer,
  kernel: Kernel,
  deps: {
    resolve(token: string): Principal | null;
    clerkName(id: string): string | null;
    reads: () => QueueReads;
  } & Pick<PadFeedDeps, 'staffCard' | 'finishedBy'> &
    Pick<SocketDeps, 'limits' | 'log' | 'trusted' | 'publicUrl'>,
): Realtime {
  const { bus } = kernel;
  // The pad feed needs the server and the server asks the feed: bound once both exist.
  let pads: PadFeed | null = null;
  const { io, sink, disconnectSession, disconnectDevice, revalidate, guard } = createSocketServer(http, {
    resolve: deps.resolve,
    snapshot: (branchId) => deps.reads().snapshot(branchId),
    publicTicket: (id, key) => deps.reads().publicTicket(id, key),
    padIdentity: (counterId) => pads?.identity(counterId) ?? null,
    padSubscribed: (counterId) => pads?.subscribed(counterId),
    limits: deps.limits,
    log: deps.log,
    trusted: deps.trusted,
    publicUrl: deps.publicUrl,
  });
  pads = createPadFeed(io, { state: bus.state, staffCard: deps.staffCard, finishedBy: deps.finishedBy });
  const feed = pads;
  bus.onCommitted('pad identity', () => feed.refresh());
  const broadcaster = new Broadcaster(
    bus.state,
    sink,
    deps.clerkName,
    (id, estimateOf) => {
      const t = bus.state.tickets.get(id);
      return t ? deps.reads().publicTicket(id, t.trackKey, estimateOf) : null;
    },
    () => bus.now(),
  );
  bus.onCommitted('broadcast', (batch) => broadcaster.publish(batch.events, batch.metaOf));
  // Opening, closing and cut-off times change the kiosk's offer without a command.
  const opening = watchOpening(
    bus.state,
    () => bus.now(),
    (branchId) => broadcaster.publishConfig(branchId),
  );
  // A signed-out session's sockets stop receiving the branch stream at once.
  bus.onCommitted('sign-out', (batch) => {
    for (const e of batch.events) if (e.type === 'session.ended') disconnectSession(e.tokenHash);
  });
  // A password changed or reset, or an account deactivated: the sessions it ended lose their sockets.
  bus.onCommitted('sessions-ended', (batch) => {
    if (batch.events.some((e) => e.type === 'user.password_changed' || e.type === 'user.configured'))
      revalidate();
  });
  // A revoked device, or one whose token was replaced, is cut off at once.
  bus.onCommitted('device-revoked', (batch) => {
    for (const e of batch.events)
      if (e.type === 'device.revoked' || e.type === 'device.paired') disconnectDevice(e.deviceId);
  });
  return {
    broadcaster,
    io,
    pads: feed,
    deviceAlert: (a) => toBranchStaff(io, a.branchId).emit('device:status', { ...a, at: bus.now() }),
    revalidate,
    connections: () => guard.stats(),
    connectedDevices: () => {
      const ids = new Set<string>();
      for (const socket of io.sockets.sockets.values()) {
        const p = socket.data.principal;
        if (p?.kind === 'device') ids.add(p.device.id);
      }
      return ids;
    },
    close() {
      opening.stop();
      broadcaster.stop();
      io.close();
    },
  };
}
