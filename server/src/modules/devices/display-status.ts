import type { DisplayStatusReport } from '../../protocol/index.js';

export interface DisplayStatus extends DisplayStatusReport {
  deviceId: string;
  name: string;
  branchId: string;
  at: number;
}

/**
 * What each display board last said about itself (can it speak?), kept in memory: boards report
 * on every change and every few minutes, so a restart only empties it until the next report.
 */
export class DisplayStatuses {
  private readonly byDevice = new Map<string, DisplayStatus>();

  report(status: DisplayStatus): { changed: boolean } {
    const before = this.byDevice.get(status.deviceId);
    this.byDevice.set(status.deviceId, status);
    return { changed: before?.voice !== status.voice || before?.reason !== status.reason };
  }

  list(): DisplayStatus[] {
    return [...this.byDevice.values()];
  }

  /** Displays that said they cannot speak. */
  mute(): DisplayStatus[] {
    return this.list().filter((s) => s.voice === 'unavailable');
  }
}
