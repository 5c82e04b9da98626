import type { TicketPrintData } from '@guichet/drivers';
import type { Logger } from 'pino';
import { parseDeviceConfig } from '../settings/parse.js';
import type { CounterDisplayPort, DeviceDrivers, PrintOutcome, TicketPrinter } from './ports.js';
import { type HeldTicketsAlert, printerReports } from './printer-reports.js';

/** A device as configuration describes it (a row of the devices table). */
export interface DeviceRecord {
  id: string;
  kind: string;
  branchId: string;
  counterId: string | null;
  config: unknown;
}

export interface PrinterHealth {
  deviceId: string;
  branchId: string;
  online: boolean;
  problem: string | null;
  heldJobs: number;
}
export interface LedHealth {
  deviceId: string;
  counterId: string;
  path: string;
  address: number;
  online: boolean;
}
export interface DeviceAlert {
  deviceId: string;
  kind: 'printer' | 'led';
  branchId: string;
  online: boolean;
  problem: string | null;
  /** Held tickets that expired unprinted (staff tell the citizen) or printed late. */
  held?: HeldTicketsAlert;
}

type PrinterEntry =
  | { record: DeviceRecord; printer: TicketPrinter }
  | { record: DeviceRecord; broken: string };

/**
 * The devices the server drives, made from configuration through the drivers (hardware or
 * fakes): kiosk printers and counter LED displays. Devices can be added, reconfigured and
 * removed while the server runs; one misconfigured device is reported and never stops the hall.
 */
export class DeviceRegistry {
  private readonly printers = new Map<string, PrinterEntry>();
  private readonly displays = new Map<string, { record: DeviceRecord; display: CounterDisplayPort }>();

  constructor(
    private readonly drivers: DeviceDrivers,
    private readonly log: Logger,
    private readonly alert: (a: DeviceAlert) => void,
    /** Called when a counter's display is (re)attached, so it shows the counter's state at once. */
    private readonly onDisplay: (counterId: string) => void,
  ) {}

  async add(device: DeviceRecord): Promise<void> {
    if (this.printers.has(device.id) || [...this.displays.values()].some((d) => d.record.id === device.id))
      throw new Error(`device ${device.id} is already registered`);
    if (device.kind === 'kiosk') await this.addPrinter(device);
    else if (device.kind === 'led') await this.addDisplay(device);
  }

  async reconfigure(device: DeviceRecord): Promise<void> {
    await this.remove(device.id);
    await this.add(device);
  }

  async remove(deviceId: string): Promise<void> {
    const printer = this.printers.get(deviceId);
    this.printers.delete(deviceId);
    if (printer && 'printer' in printer) await printer.printer.stop();
    for (const [counterId, d] of this.displays) {
      if (d.record.id !== deviceId) continue;
      this.displays.delete(counterId);
      await d.display.stop();
    }
  }

  /** Whether a kiosk has a printer configured (working or not). */
  hasPrinter(kioskId: string): boolean {
    return this.printers.has(kioskId);
  }

  /** Prints on a kiosk's printer; a kiosk without one, or with a broken one, says so. */
  /** `data` may be built only for a kiosk with a working printer (it counts the tickets ahead). */
  async print(
    kioskId: string,
    jobId: string,
    data: TicketPrintData | (() => TicketPrintData),
  ): Promise<PrintOutcome> {
    const entry = this.printers.get(kioskId);
    if (!entry) return { status: 'no_printer', reason: null };
    if ('broken' in entry) return { status: 'failed', reason: entry.broken };
    return entry.printer.print(jobId, typeof data === 'function' ? data() : data);
  }

  displayOf(counterId: string): CounterDisplayPort | undefined {
    return this.displays.get(counterId)?.display;
  }
  counterIds(): string[] {
    return [...this.displays.keys()];
  }

  printerHealth(): PrinterHealth[] {
    return [...this.printers.values()].map((e) => {
      const { id: deviceId, branchId } = e.record;
      if ('broken' in e) return { deviceId, branchId, online: false, problem: e.broken, heldJobs: 0 };
      const { online, problem, heldJobs = 0 } = e.printer.state();
      return { deviceId, branchId, online, problem, heldJobs };
    });
  }

  ledHealth(): LedHealth[] {
    return [...this.displays].map(([counterId, { record, display }]) => ({
      deviceId: record.id,
      counterId,
      path: display.path,
      address: display.address,
      online: display.online,
    }));
  }

  async stop(): Promise<void> {
    for (const id of [...this.printers.keys(), ...[...this.displays.values()].map((d) => d.record.id)])
      await this.remove(id);
    await this.drivers.stop();
  }

  private async addPrinter(device: DeviceRecord): Promise<void> {
    const parsed = parseDeviceConfig('kiosk', device.config);
    if (parsed.ok && !parsed.value.printer) return;
    const report = printerReports(device.id, this.log, ({ online, problem }, held) =>
      this.alert({
        deviceId: device.id,
        kind: 'printer',
        branchId: device.branchId,
        online,
        problem,
        ...(held ? { held } : {}),
      }),
    );
    try {
      if (!parsed.ok) throw new Error(`invalid config: ${parsed.problem}`);
      const printer = await this.drivers.printer(device.id, parsed.value.printer!, report);
      this.printers.set(device.id, { record: device, printer });
    } catch (err) {
      // One misconfigured printer (a missing font, a bad path) must not stop the hall.
      const problem = err instanceof Error ? err.message : String(err);
      this.log.error({ err, kiosk: device.id }, 'printer could not be set up');
      this.printers.set(device.id, { record: device, broken: problem });
      report.state({ online: false, problem });
    }
  }

  private async addDisplay(device: DeviceRecord): Promise<void> {
    const { counterId } = device;
    const parsed = parseDeviceConfig('led', device.config);
    if (!counterId || !parsed.ok) {
      const problem = parsed.ok ? 'no counter' : `invalid config: ${parsed.problem}`;
      this.log.error({ device: device.id, problem }, 'LED display could not be set up');
      return;
    }
    const display = await this.drivers.display(device.id, parsed.value, (s) =>
      this.alert({
        deviceId: device.id,
        kind: 'led',
        branchId: device.branchId,
        online: s.online,
        problem: s.online ? null : 'offline',
      }),
    );
    this.displays.set(counterId, { record: device, display });
    this.onDisplay(counterId);
  }
}
