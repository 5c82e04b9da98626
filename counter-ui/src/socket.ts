import {
  applyDelta,
  BRANCH_DELTA_EVENTS,
  type BranchDelta,
  type ClientToServerEvents,
  judgeDelta,
  type RatingRequest,
  type ServerToClientEvents,
} from '@guichet/server/protocol';
import { io, type Socket } from 'socket.io-client';
import { connection, notice, snapshot, synced, t } from './store';

/**
 * The only module that calls `io()`. A console joins its branch stream: a snapshot on every
 * (re)connect, then versioned deltas judged by the protocol's `judgeDelta`; a gap or a new
 * epoch asks for a fresh snapshot. Commands stay blocked (`synced` false) from a disconnect
 * until the new snapshot is in.
 */
type GuichetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function open(token: string): GuichetSocket {
  return io({ path: '/socket.io', transports: ['websocket'], auth: { token } });
}

export interface BranchStream {
  /** Ask for a fresh snapshot (after a refusal that suggests the local copy is stale). */
  resync(): void;
  close(): void;
}

export function connectBranch(token: string, branchId: string): BranchStream {
  const socket = open(token);
  let subscribing = false;
  let buffered: BranchDelta[] = [];

  const subscribe = () => {
    if (subscribing || !socket.connected) return;
    subscribing = true;
    buffered = [];
    socket.emit('branch:subscribe', { branchId }, (ack) => {
      subscribing = false;
      if (!ack.ok) {
        // Refused (e.g. the session expired): stay blocked and try again after a pause.
        setTimeout(subscribe, 2000);
        return;
      }
      snapshot.value = ack.data;
      synced.value = true;
      const pending = buffered;
      buffered = [];
      for (const d of pending) onDelta(d);
    });
  };

  const onDelta = (delta: BranchDelta) => {
    if (delta.branchId !== branchId) return;
    if (subscribing) {
      buffered.push(delta);
      return;
    }
    const held = snapshot.value;
    const verdict = judgeDelta(held, delta);
    if (verdict === 'apply' && held) snapshot.value = applyDelta(held, delta);
    else if (verdict === 'gap') {
      synced.value = false;
      subscribe();
    }
  };

  for (const name of BRANCH_DELTA_EVENTS) socket.on(name, onDelta);
  // A kiosk printer out of paper or an LED display gone: every clerk of the hall sees it.
  socket.on('device:status', (d) => {
    const known = ['paper_out', 'cover_open', 'offline'] as const;
    const problem = known.find((k) => k === (d.problem ?? 'offline'));
    notice.value = d.online
      ? { kind: 'info', text: t('deviceBack', { device: d.deviceId }) }
      : {
          kind: 'warn',
          text: t('deviceProblem', {
            device: d.deviceId,
            problem: problem ? t(`problem_${problem}`) : (d.problem ?? ''),
          }),
        };
  });
  socket.on('connect', () => {
    connection.value = 'online';
    synced.value = false;
    subscribe();
  });
  socket.on('disconnect', (reason) => {
    connection.value = 'offline';
    synced.value = false;
    subscribing = false;
    // The server closed us on purpose (restart, kicked): socket.io does not retry that by itself.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
  socket.on('connect_error', () => {
    connection.value = 'offline';
    synced.value = false;
  });

  return {
    resync() {
      synced.value = false;
      subscribe();
    },
    close() {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

export interface PadHandlers {
  onRequested(r: RatingRequest): void;
  onClosed(ticketId: string): void;
  onStatus(online: boolean): void;
}

/** A rating pad joins its counter's room on every (re)connect and waits for rating requests. */
export function connectPad(token: string, handlers: PadHandlers): () => void {
  const socket = open(token);
  socket.on('connect', () => {
    socket.emit('pad:subscribe', {}, (ack) => handlers.onStatus(ack.ok));
  });
  socket.on('disconnect', (reason) => {
    handlers.onStatus(false);
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
  socket.on('connect_error', () => handlers.onStatus(false));
  socket.on('rating:requested', (r) => handlers.onRequested(r));
  socket.on('rating:closed', (r) => handlers.onClosed(r.ticketId));
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
