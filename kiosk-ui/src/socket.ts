import {
  type Ack,
  applyDelta,
  BRANCH_DELTA_EVENTS,
  type BranchDelta,
  type BranchSnapshot,
  type ClientToServerEvents,
  judgeDelta,
  type PublicTicketView,
  type ServerToClientEvents,
} from '@guichet/server/protocol';
import { batch } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
import { kiosk, phone } from './store';

/** The only module of kiosk-ui that opens a socket. */
export type GuichetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketFactory = (auth: { token?: string }) => GuichetSocket;

export const openSocket: SocketFactory = (auth) =>
  io({ path: '/socket.io', transports: ['websocket'], auth, reconnectionDelayMax: 5_000 });

const ACK_TIMEOUT_MS = 8_000;
const RETRY_MS = 3_000;

/**
 * Keeps a socket connected whatever the reason it dropped: socket.io-client gives up by itself
 * when the server closed the connection on purpose or refused it in middleware (a restart).
 */
function keepConnected(socket: GuichetSocket, onDown: () => void, onRejected?: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, RETRY_MS);
  };
  socket.on('disconnect', (reason) => {
    onDown();
    if (reason === 'io server disconnect') later();
  });
  socket.on('connect_error', (err) => {
    onDown();
    // The server refused the token itself (revoked or unknown): retrying cannot help.
    if (onRejected && err?.message === 'UNAUTHENTICATED') {
      clearTimeout(timer);
      onRejected();
      return;
    }
    if (!socket.active) later();
  });
  return () => clearTimeout(timer);
}

/**
 * Follows a branch: subscribe on every connect, apply deltas in version order, subscribe again
 * on a gap. Deltas that arrive while a subscription is in flight wait for its snapshot.
 */
/** Ack codes that say the token is not (or no longer) good for this branch. */
const REJECTED_CODES: readonly string[] = ['UNAUTHENTICATED', 'FORBIDDEN'];

export function startBranchStream(
  token: string,
  branchId: string,
  factory: SocketFactory = openSocket,
  onRejected: () => void = () => {},
): () => void {
  const socket = factory({ token });
  let generation = 0;
  let subscribing = false;
  let buffered: BranchDelta[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const subscribe = () => {
    if (subscribing || !socket.connected) return;
    subscribing = true;
    buffered = [];
    const mine = ++generation;
    const timeout = setTimeout(() => {
      if (mine !== generation) return;
      subscribing = false;
      subscribe();
    }, ACK_TIMEOUT_MS);
    socket.emit('branch:subscribe', { branchId }, (res: Ack<BranchSnapshot>) => {
      if (mine !== generation) return;
      clearTimeout(timeout);
      subscribing = false;
      if (!res.ok) {
        if (REJECTED_CODES.includes(res.error.code)) {
          rejected();
          return;
        }
        retryTimer = setTimeout(subscribe, RETRY_MS);
        return;
      }
      const waiting = buffered;
      buffered = [];
      batch(() => {
        kiosk.snapshot.value = res.data;
        kiosk.live.value = true;
      });
      for (const d of waiting) onDelta(d);
    });
  };

  const onDelta = (delta: BranchDelta) => {
    if (delta.branchId !== branchId) return;
    if (subscribing) {
      buffered.push(delta);
      return;
    }
    const held = kiosk.snapshot.value;
    const verdict = judgeDelta(held, delta);
    if (verdict === 'apply' && held) kiosk.snapshot.value = applyDelta(held, delta);
    else if (verdict === 'gap') subscribe();
  };

  socket.on('connect', () => {
    kiosk.connected.value = true;
    subscribe();
  });
  const stopKeeping = keepConnected(
    socket,
    () => {
      generation++;
      subscribing = false;
      batch(() => {
        kiosk.connected.value = false;
        kiosk.live.value = false;
      });
    },
    () => rejected(),
  );
  for (const event of BRANCH_DELTA_EVENTS) socket.on(event, onDelta);
  socket.on('branch:snapshot', (snapshot) => {
    if (snapshot.branch.id === branchId && !subscribing) kiosk.snapshot.value = snapshot;
  });
  if (socket.connected) {
    kiosk.connected.value = true;
    subscribe();
  }

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    generation++;
    clearTimeout(retryTimer);
    stopKeeping();
    socket.removeAllListeners();
    socket.disconnect();
    batch(() => {
      kiosk.connected.value = false;
      kiosk.live.value = false;
    });
  };
  function rejected() {
    stop();
    onRejected();
  }
  return stop;
}

/**
 * Follows one ticket for the phone page with its secret key; `onMissing` is called when the
 * server does not know the ticket/key pair.
 */
export function startTrackStream(
  ticketId: string,
  key: string,
  onMissing: () => void,
  factory: SocketFactory = openSocket,
): () => void {
  const socket = factory({});
  let generation = 0;
  const accept = (view: PublicTicketView) => {
    if (view.id !== ticketId) return;
    batch(() => {
      phone.view.value = view;
      phone.load.value = 'ready';
    });
  };
  const track = () => {
    const mine = ++generation;
    socket.emit('ticket:track', { ticketId, key }, (res: Ack<PublicTicketView>) => {
      if (mine !== generation) return;
      if (res.ok) {
        accept(res.data);
        phone.live.value = true;
      } else if (res.error.code === 'TICKET_NOT_FOUND' || res.error.code === 'NOT_FOUND') {
        onMissing();
      }
    });
  };
  socket.on('connect', track);
  socket.on('track:updated', accept);
  const stopKeeping = keepConnected(socket, () => {
    generation++;
    phone.live.value = false;
  });
  if (socket.connected) track();
  return () => {
    generation++;
    stopKeeping();
    socket.removeAllListeners();
    socket.disconnect();
  };
}
