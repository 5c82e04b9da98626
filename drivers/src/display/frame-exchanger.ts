import type { ReconnectingSerialPort } from '../reconnecting-port.js';
import type { DisplayCommand, DisplayProtocol, DisplayReply, Framer } from './protocol.js';

export type ExchangeOutcome = 'ok' | 'rejected' | 'timeout' | 'disconnected';

export interface ExchangeTiming {
  interFrameMs: number;
  replyTimeoutMs: number;
  attempts: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One request/response on the wire: write the frames, wait for the matching reply, retry with
 * the same SEQ, keep the inter-frame gap. The bus guarantees only one exchange runs at a time.
 */
export class FrameExchanger {
  private readonly framer: Framer | null;
  /**
   * One SEQ counter per address: a display's repeat rule compares with the last frame sent to
   * it, so a single bus-wide counter could hand it the same SEQ again after 256 frames to others.
   */
  private readonly seqs = new Map<number, number>();
  private waiter: { address: number; seq: number; resolve: (r: DisplayReply | null) => void } | null = null;

  constructor(
    private readonly port: ReconnectingSerialPort,
    private readonly protocol: DisplayProtocol,
    private readonly timing: ExchangeTiming,
  ) {
    this.framer = protocol.createReplyFramer?.() ?? null;
  }

  async exchange(address: number, cmd: DisplayCommand): Promise<ExchangeOutcome> {
    const seq = this.seqs.get(address) ?? 0;
    this.seqs.set(address, (seq + 1) & 0xff);
    const frames = this.protocol.encode(cmd, address, seq);
    const expectsReply = this.protocol.expectsReply(cmd, address) && this.framer !== null;
    for (let attempt = 1; attempt <= this.timing.attempts; attempt++) {
      const reply = expectsReply ? this.awaitReply(address, seq) : null;
      try {
        for (const frame of frames) await this.port.write(frame);
      } catch {
        this.cancel();
        return 'disconnected';
      }
      if (!reply) {
        await sleep(this.timing.interFrameMs);
        return 'ok';
      }
      const answer = await reply;
      await sleep(this.timing.interFrameMs);
      if (!this.port.connected) return 'disconnected';
      // Busy (QLP status 3) is worth another attempt; other refusals will not change.
      if (answer && answer.status === 0) return 'ok';
      if (answer && answer.status !== 3) return 'rejected';
    }
    return 'timeout';
  }

  /** Next SEQ per address, to persist so a restart continues the sequence. */
  get nextSeqs(): Record<number, number> {
    return Object.fromEntries(this.seqs);
  }

  /** Continues the sequence of an earlier run (values from nextSeqs). */
  seedSeqs(next: Record<number, number>): void {
    for (const [address, seq] of Object.entries(next)) {
      if (Number.isInteger(seq)) this.seqs.set(Number(address), seq & 0xff);
    }
  }

  /** Bytes from the port; a reply to an earlier attempt of the same SEQ still counts. */
  onData(chunk: Buffer): void {
    if (!this.framer) return;
    for (const frame of this.framer.push(chunk)) {
      const reply = this.protocol.decodeReply?.(frame);
      const waiter = this.waiter;
      // Late replies to an earlier exchange or from another address are dropped here.
      if (
        reply &&
        waiter &&
        reply.address === waiter.address &&
        (reply.seq === null || reply.seq === waiter.seq)
      ) {
        waiter.resolve(reply);
      }
    }
  }

  /** Ends the wait for a reply at once (port closed or bus stopping). */
  cancel(): void {
    this.waiter?.resolve(null);
  }

  reset(): void {
    this.framer?.reset();
  }

  private awaitReply(address: number, seq: number): Promise<DisplayReply | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), this.timing.replyTimeoutMs);
      const finish = (reply: DisplayReply | null) => {
        clearTimeout(timer);
        if (this.waiter?.resolve === finish) this.waiter = null;
        resolve(reply);
      };
      this.waiter = { address, seq, resolve: finish };
    });
  }
}
