import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

export interface FleetOptions {
  port: number;
  clients: number;
  token?: string;
  /** Sends `branch:subscribe {branchId}` after connecting and requires an ok ack. */
  subscribeTo?: string;
}

/** Connects `clients` independent Socket.IO clients (websocket transport, one connection each). */
export async function connectFleet(o: FleetOptions): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const connectOne = async (): Promise<Socket> => {
    const socket = io(`http://127.0.0.1:${o.port}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
      ...(o.token ? { auth: { token: o.token } } : {}),
    });
    await new Promise<void>((res, rej) => {
      socket.once('connect', () => res());
      socket.once('connect_error', (err) => rej(err));
    });
    if (o.subscribeTo) {
      const ack = (await socket
        .timeout(20_000)
        .emitWithAck('branch:subscribe', { branchId: o.subscribeTo })) as {
        ok: boolean;
      };
      if (!ack.ok) throw new Error(`branch:subscribe refused: ${JSON.stringify(ack)}`);
    }
    return socket;
  };
  // A hundred handshakes at a time: enough to be quick, few enough not to time out on 2 cores.
  const WAVE = 100;
  for (let i = 0; i < o.clients; i += WAVE) {
    const wave = await Promise.all(Array.from({ length: Math.min(WAVE, o.clients - i) }, connectOne));
    sockets.push(...wave);
  }
  return sockets;
}

export function closeFleet(sockets: Socket[]): void {
  for (const s of sockets) s.disconnect();
}

export interface CallSample {
  /** ms from just before the HTTP call to each client's receipt. */
  deliveries: number[];
  /** ms until the acting request's HTTP reply. */
  reply: number;
  missed: number;
  payload: unknown;
}

/**
 * Measures one call at a time over a fleet: stamp performance.now(), send the acting HTTP
 * request, and record when each client (same process, same clock) receives `event`; resolve
 * once every client has it (or after 5 s, counting the missing ones).
 */
export class Fanout {
  private t0 = 0;
  private samples: number[] = [];
  private payload: unknown = null;
  private done: (() => void) | null = null;

  constructor(
    readonly sockets: Socket[],
    event: string,
  ) {
    for (const s of sockets) {
      s.on(event, (payload: unknown) => {
        this.samples.push(performance.now() - this.t0);
        this.payload ??= payload;
        if (this.samples.length === sockets.length) this.done?.();
      });
    }
  }

  async call(trigger: () => Promise<void>): Promise<CallSample> {
    this.samples = [];
    this.payload = null;
    const all = new Promise<void>((res) => {
      this.done = res;
    });
    this.t0 = performance.now();
    await trigger();
    const reply = performance.now() - this.t0;
    await Promise.race([all, sleep(5_000)]);
    this.done = null;
    const deliveries = this.samples;
    return { deliveries, reply, missed: this.sockets.length - deliveries.length, payload: this.payload };
  }
}

/** Accumulates measured calls. */
export class FanoutStats {
  readonly deliveries: number[] = [];
  readonly lastOfCall: number[] = [];
  readonly reply: number[] = [];
  missed = 0;
  sample: unknown = null;

  add(c: CallSample): void {
    for (const d of c.deliveries) this.deliveries.push(d);
    this.lastOfCall.push(c.deliveries.length ? Math.max(...c.deliveries) : Number.NaN);
    this.reply.push(c.reply);
    this.missed += c.missed;
    this.sample ??= c.payload;
  }
}

export const sorted = (xs: number[]) => Float64Array.from(xs).sort();

/** Resolves when `count` `event`s have arrived across the sockets, or after `timeoutMs`. */
export function awaitDeliveries(
  sockets: Socket[],
  event: string,
  count: number,
  timeoutMs: number,
): Promise<void> {
  return new Promise((res) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      for (const s of sockets) s.off(event, on);
      res();
    };
    const on = () => {
      if (++seen >= count) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    for (const s of sockets) s.on(event, on);
  });
}

export const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));
