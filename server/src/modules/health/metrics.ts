import type { DisplayStatus } from '../devices/display-status.js';
import type { LedHealth, PrinterHealth } from '../devices/registry.js';
import type { QueueReads } from '../queue/reads.js';

/** What health and metrics read: the database, the devices, the stream's epoch, the queue's gauges. */
export interface HealthSources {
  ping(): boolean;
  /** The write path's failure since its last successful commit, or null. */
  writes(): { since: number; reason: string } | null;
  printers(): PrinterHealth[];
  leds(): LedHealth[];
  displays(): DisplayStatus[];
  epoch: string;
  gauges: QueueReads['gauges'];
  /** Open Socket.IO connections and how many addresses they come from. */
  sockets?(): { total: number; addresses: number };
  /** Configuration problems an operator should fix (e.g. no public URL for QR codes). */
  warnings?(): string[];
}

/** A few counters and gauges in Prometheus text format; no client library needed for these. */
export class Metrics {
  requests = 0;
  errors = 0;

  render(sources: HealthSources): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    metric('guichet_http_requests_total', 'counter', 'HTTP requests answered', [['', this.requests]]);
    metric('guichet_http_errors_total', 'counter', 'HTTP answers with status >= 500', [['', this.errors]]);
    const waiting: [string, number][] = [];
    const issued: [string, number][] = [];
    const gauges = sources.gauges();
    for (const s of gauges.services) {
      const labels = `{branch="${s.branchId}",service="${s.prefix}"}`;
      waiting.push([labels, s.waiting]);
      issued.push([labels, s.issued]);
    }
    metric('guichet_waiting_tickets', 'gauge', 'Tickets waiting per service', waiting);
    metric('guichet_tickets_today', 'gauge', 'Tickets of the current business day per service', issued);
    const states = gauges.counterStates;
    metric(
      'guichet_counters',
      'gauge',
      'Counters per state',
      [...states].map(([s, n]) => [`{state="${s}"}`, n]),
    );
    metric(
      'guichet_printer_online',
      'gauge',
      'Kiosk printers online (1) or not (0)',
      sources.printers().map((p) => [`{device="${p.deviceId}"}`, p.online ? 1 : 0]),
    );
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory', [['', process.memoryUsage().rss]]);
    return `${lines.join('\n')}\n`;
  }
}
