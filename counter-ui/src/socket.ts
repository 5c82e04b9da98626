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
import { connection, endSession, notice, resetLive, snapshot, synced, t } from './store';

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

/** Deltas kept while a snapshot is on its way; past this the stream starts over. */
export const MAX_BUFFERED = 500;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** Refusals that mean the token is no good any more: the clerk signs in again. */
const SIGNED_OUT = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

/**
 * Retries that socket.io does not do by itself (the server closed the socket, or it gave up
 * after a failed handshake), with a doubling pause; one timer, cleared on close.
 */
function retrier(socket: GuichetSocket) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = RETRY_MIN_MS;
  let stopped = false;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    /** Runs `fn` (by default a reconnect) after the next pause of the backoff. */
    later(fn: () => void = () => socket.connect()) {
      if (stopped) return;
      clear();
      timer = setTimeout(() => {
        timer = null;
        if (!stopped) fn();
      }, delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    },
    /** A good connection: the next trouble starts the backoff from the beginning. */
    reset() {
      clear();
      delay = RETRY_MIN_MS;
    },
    stop() {
      stopped = true;
      clear();
    },
  };
}

export function connectBranch(token: string, branchId: string): BranchStream {
  const socket = open(token);
  const retry = retrier(socket);
  let subscribing = false;
  let overflowed = false;
  let buffered: BranchDelta[] = [];
  let closed = false;

  const close = () => {
    closed = true;
    retry.stop();
    socket.removeAllListeners();
    socket.disconnect();
  };
  // The session expired or was revoked: back to sign-in instead of "reconnecting…" for ever.
  const signedOut = () => {
    close();
    endSession();
    resetLive();
    connection.value = 'connecting';
  };

  const subscribe = () => {
    if (closed || subscribing || !socket.connected) return;
    subscribing = true;
    overflowed = false;
    buffered = [];
    socket.emit('branch:subscribe', { branchId }, (ack) => {
      subscribing = false;
      if (closed) return;
      if (!ack.ok) {
        if (SIGNED_OUT.has(ack.error.code)) return signedOut();
        retry.later(subscribe);
        return;
      }
      snapshot.value = ack.data;
      if (overflowed) {
        // Too much happened while the snapshot travelled: ask again rather than replay a part.
        overflowed = false;
        buffered = [];
        subscribe();
        return;
      }
      synced.value = true;
      const pending = buffered;
      buffered = [];
      for (const d of pending) onDelta(d);
    });
  };

  const onDelta = (delta: BranchDelta) => {
    if (delta.branchId !== branchId) return;
    if (subscribing) {
      if (buffered.length >= MAX_BUFFERED) {
        overflowed = true;
        buffered = [];
      }
      if (!overflowed) buffered.push(delta);
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
    notice.value = d.online
      ? { kind: 'info', text: t('deviceBack', { device: d.deviceId }) }
      : { kind: 'warn', text: t('deviceProblem', { device: d.deviceId, problem: problemText(d.problem) }) };
  });
  socket.on('connect', () => {
    retry.reset();
    connection.value = 'online';
    synced.value = false;
    subscribe();
  });
  socket.on('disconnect', (reason) => {
    connection.value = 'offline';
    synced.value = false;
    subscribing = false;
    // The server closed us on purpose (restart, kicked): socket.io does not retry that by itself.
    if (reason === 'io server disconnect') retry.later();
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'UNAUTHENTICATED') return signedOut();
    connection.value = 'offline';
    synced.value = false;
    // socket.io retries a lost transport itself; a refused handshake it leaves to us.
    if (!socket.active) retry.later();
  });

  return {
    resync() {
      if (closed) return;
      synced.value = false;
      subscribe();
    },
    close,
  };
}

const KNOWN_PROBLEMS = ['paper_out', 'cover_open', 'offline'] as const;
/** A device problem in the clerk's language; one the console does not know reads as a generic one. */
export function problemText(problem: string | null): string {
  const known = KNOWN_PROBLEMS.find((k) => k === (problem ?? 'offline'));
  return known ? t(`problem_${known}`) : t('problem_unknown');
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
    retry.reset();
    socket.emit('pad:subscribe', {}, (ack) => handlers.onStatus(ack.ok));
  });
  const retry = retrier(socket);
  socket.on('disconnect', (reason) => {
    handlers.onStatus(false);
    if (reason === 'io server disconnect') retry.later();
  });
  socket.on('connect_error', () => {
    handlers.onStatus(false);
    if (!socket.active) retry.later();
  });
  socket.on('rating:requested', (r) => handlers.onRequested(r));
  socket.on('rating:closed', (r) => handlers.onClosed(r.ticketId));
  return () => {
    retry.stop();
    socket.removeAllListeners();
    socket.disconnect();
  };
}
