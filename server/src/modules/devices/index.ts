import type { DeviceRow } from '@guichet/db';
import type { Logger } from 'pino';
import type { Kernel } from '../../kernel/index.js';
import type { IssuedTicket } from '../../protocol/index.js';
import { LedDisplays, type LedHealth } from './led-displays.js';
import { PrintEffect } from './print-effect.js';
import { type PrinterHealth, Printing } from './printing.js';

export interface DeviceAlert {
  deviceId: string;
  kind: 'printer' | 'led';
  branchId: string;
  online: boolean;
  problem: string | null;
}

export interface Devices {
  printed(ticketId: string): Promise<IssuedTicket['print']>;
  printers(): PrinterHealth[];
  leds(): LedHealth[];
  start(rows: DeviceRow[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Kiosk printers and counter LED displays: each committed ticket is printed, each committed
 * counter change shown, and a device that goes on- or offline is reported to the branch's staff.
 */
export function createDevices(
  kernel: Kernel,
  opts: { log: Logger; publicUrl: string | null; demoPrinter: string | null; alert(a: DeviceAlert): void },
): Devices {
  const { bus } = kernel;
  const { log } = opts;
  const printing = new Printing(log.child({ module: 'printing' }), (h) => {
    if (h.online) log.info({ printer: h }, 'printer ready');
    else log.warn({ printer: h }, 'printer needs attention');
    opts.alert({ ...h, kind: 'printer' });
  });
  const leds = new LedDisplays(bus.state, log.child({ module: 'led' }), (h) => {
    const branchId = bus.state.counters.get(h.counterId)?.branchId;
    if (branchId) {
      const problem = h.online ? null : 'offline';
      opts.alert({ deviceId: h.deviceId, kind: 'led', branchId, online: h.online, problem });
    }
  });
  const prints = new PrintEffect(printing, bus.state, opts.publicUrl, log.child({ module: 'printing' }));
  bus.onCommitted('print', (batch) => prints.onCommitted(batch));
  bus.onCommitted('led', (batch) => leds.onCommitted(batch.events));
  return {
    printed: (ticketId) => prints.printed(ticketId),
    printers: () => printing.health(),
    leds: () => leds.health(),
    async start(rows) {
      await printing.start(rows, opts.demoPrinter);
      await leds.start(rows);
    },
    async stop() {
      await printing.stop();
      await leds.stop();
    },
  };
}
