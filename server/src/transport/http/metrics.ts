import type { AppContext } from '../../app/context.js';

/** A few counters and gauges in Prometheus text format; no client library needed for these. */
export class Metrics {
  requests = 0;
  errors = 0;

  render(ctx: AppContext): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    metric('guichet_http_requests_total', 'counter', 'HTTP requests answered', [['', this.requests]]);
    metric('guichet_http_errors_total', 'counter', 'HTTP answers with status >= 500', [['', this.errors]]);
    const waiting: [string, number][] = [];
    const issued: [string, number][] = [];
    const perService = new Map<string, number>();
    for (const t of ctx.hall.state.tickets.values())
      perService.set(t.serviceId, (perService.get(t.serviceId) ?? 0) + 1);
    for (const s of ctx.hall.state.services.values()) {
      const labels = `{branch="${s.branchId}",service="${s.prefix}"}`;
      waiting.push([labels, ctx.hall.state.waiting.get(s.id)?.size ?? 0]);
      issued.push([labels, perService.get(s.id) ?? 0]);
    }
    metric('guichet_waiting_tickets', 'gauge', 'Tickets waiting per service', waiting);
    metric('guichet_tickets_today', 'gauge', 'Tickets of the current business day per service', issued);
    const states = new Map<string, number>();
    for (const c of ctx.hall.state.counters.values()) states.set(c.state, (states.get(c.state) ?? 0) + 1);
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
      ctx.printing.health().map((p) => [`{device="${p.deviceId}"}`, p.online ? 1 : 0]),
    );
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory', [['', process.memoryUsage().rss]]);
    return `${lines.join('\n')}\n`;
  }
}
