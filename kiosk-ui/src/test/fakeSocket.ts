import type { GuichetSocket } from '../socket';

type Handler = (...args: unknown[]) => void;

/**
 * Just enough of a socket.io-client Socket for the socket module: the test plays the server,
 * answering emits through `onEmit` and pushing events with `push`.
 */
export class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: { event: string; payload: unknown }[] = [];
  onEmit: (event: string, payload: unknown, ack: (res: unknown) => void) => void = () => {};
  private handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, payload: unknown, ack: (res: unknown) => void): this {
    this.emitted.push({ event, payload });
    this.onEmit(event, payload, ack);
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  connect(): this {
    this.serverConnects();
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  /** Server side: */
  push(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  serverConnects(): void {
    this.connected = true;
    this.push('connect');
  }
  serverDrops(reason = 'transport close'): void {
    this.connected = false;
    this.push('disconnect', reason);
  }
  asSocket(): GuichetSocket {
    return this as unknown as GuichetSocket;
  }
  count(event: string): number {
    return this.emitted.filter((e) => e.event === event).length;
  }
}
