import { performance } from 'node:perf_hooks';

export interface ProcStats {
  type: 'stats';
  eluActiveMs: number;
  eluIdleMs: number;
  cpuMicros: number;
  rssBytes: number;
}

/** Answers the bench's `stats` request over IPC with this process's event-loop utilisation and CPU. */
export function answerStats(): void {
  process.on('message', (msg: { type?: string }) => {
    if (msg?.type !== 'stats') return;
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const stats: ProcStats = {
      type: 'stats',
      eluActiveMs: elu.active,
      eluIdleMs: elu.idle,
      cpuMicros: cpu.user + cpu.system,
      rssBytes: process.memoryUsage.rss(),
    };
    process.send?.(stats);
  });
}
