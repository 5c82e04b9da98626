import { call } from '@guichet/server/kit';
import type { DisplayStatusReport } from '@guichet/server/protocol';
import type { VoiceStatus } from './engine.js';

/** Boards report again this often, so /api/v1/health knows after a server restart too. */
export const REPORT_EVERY_MS = 5 * 60_000;
const RETRY_MS = 30_000;

/**
 * Tells the server whether this board can speak (`POST /api/v1/me/status`), on every change and
 * every REPORT_EVERY_MS; a failed report is retried. One timer for the life of the page.
 */
export class StatusReporter {
  private last: VoiceStatus | null = null;
  private sentKey = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (body: DisplayStatusReport) => Promise<unknown>,
    private readonly every = REPORT_EVERY_MS,
  ) {}

  static forToken(token: string): StatusReporter {
    return new StatusReporter((body) => call('me:status', { token, body }));
  }

  update(status: VoiceStatus): void {
    this.last = status;
    if (keyOf(status) !== this.sentKey) void this.flush();
  }

  private async flush(): Promise<void> {
    const status = this.last;
    if (!status) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let wait = this.every;
    try {
      await this.send({ voice: status.voice, reason: status.reason, engines: status.engines });
      this.sentKey = keyOf(status);
    } catch {
      wait = Math.min(RETRY_MS, this.every);
    }
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), wait);
  }
}

function keyOf(s: VoiceStatus): string {
  return `${s.voice}|${s.reason}|${JSON.stringify(s.engines)}`;
}
