import type { Logger } from 'pino';
import type { Kernel } from '../../kernel/index.js';
import type { IssuedTicket } from '../../protocol/index.js';
import type { LinkPolicy } from '../queue/links.js';
import { CounterDisplays } from './counter-displays.js';
import { type DisplayStatus, DisplayStatuses } from './display-status.js';
import { hardwareDrivers } from './hardware.js';
import type { DeviceDrivers } from './ports.js';
import { PrintEffect } from './print-effect.js';
import {
  type DeviceAlert,
  type DeviceRecord,
  DeviceRegistry,
  type LedHealth,
  type PrinterHealth,
} from './registry.js';

export type { DisplayStatus } from './display-status.js';
export { type FakeCounterDisplay, type FakeTicketPrinter, fakeDrivers } from './fakes.js';
export type { CounterDisplayPort, DeviceDrivers, TicketPrinter } from './ports.js';
export type { DeviceAlert, DeviceRecord, DeviceRegistry } from './registry.js';
export { deviceRoutes } from './routes.js';

export interface Devices {
  registry: DeviceRegistry;
  /** How the kiosk's printer took the ticket (`no_printer` at once for a kiosk without one). */
  printed(ticketId: string, kioskId: string): Promise<IssuedTicket['print']>;
  printers(): PrinterHealth[];
  leds(): LedHealth[];
  /** What each display board last reported about its voice (in memory). */
  statuses: DisplayStatuses;
  displays(): DisplayStatus[];
  start(devices: DeviceRecord[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Kiosk printers and counter LED displays behind ports, in a registry made from configuration:
 * each committed ticket is printed, each committed counter change shown, and a device that goes
 * on- or offline is reported to the branch's staff.
 */
export function createDevices(
  kernel: Kernel,
  opts: {
    log: Logger;
    links: LinkPolicy;
    demoPrinter: string | null;
    /** QLP/1 SEQ numbers persist in `<dataDir>/qlp1-seq.json` (null: in memory only). */
    dataDir: string | null;
    drivers?: DeviceDrivers | undefined;
    alert(a: DeviceAlert): void;
  },
): Devices {
  const { bus } = kernel;
  const { log } = opts;
  const drivers =
    opts.drivers ??
    hardwareDrivers({
      demoPrinter: opts.demoPrinter,
      dataDir: opts.dataDir,
      log: log.child({ module: 'devices' }),
    });
  let displays: CounterDisplays | null = null;
  const registry = new DeviceRegistry(drivers, log.child({ module: 'devices' }), opts.alert, (counterId) =>
    displays?.show(counterId),
  );
  displays = new CounterDisplays(bus.state, (counterId) => registry.displayOf(counterId));
  const prints = new PrintEffect(registry, bus.state, opts.links, log.child({ module: 'printing' }));
  bus.onCommitted('print', (batch) => prints.onCommitted(batch));
  bus.onCommitted('led', (batch) => displays.onCommitted(batch.events));
  const statuses = new DisplayStatuses();
  return {
    statuses,
    displays: () => statuses.list(),
    registry,
    printed: (ticketId, kioskId) => prints.printed(ticketId, kioskId),
    printers: () => registry.printerHealth(),
    leds: () => registry.ledHealth(),
    async start(devices) {
      for (const device of devices) await registry.add(device);
    },
    stop: () => registry.stop(),
  };
}
