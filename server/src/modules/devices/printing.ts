import type { DeviceRow } from '@guichet/db';
import {
  EscPosPrinter,
  type PrinterSimulator,
  type PrinterState,
  startPrinterSimulator,
  type TicketPrintData,
} from '@guichet/drivers';
import type { Logger } from 'pino';
import type { IssuedTicket } from '../../protocol/index.js';

/**
 * How a printer prints Chinese: `native` for Chinese-market printers (GB18030 font), `image` for
 * printers without a Chinese font (lines rendered with `imageFont`), `none` for ASCII only.
 */
interface PrintStyle {
  paper?: '80mm' | '58mm';
  chinese?: 'native' | 'image' | 'none';
  imageFont?: string;
}

/** A kiosk's printer as configured on its device row. `demo` is the simulator the demo hall uses. */
type PrinterConfig =
  | ({ kind: 'tcp'; host: string; port?: number } & PrintStyle)
  | ({ kind: 'serial'; path: string; baudRate?: number } & PrintStyle)
  | { kind: 'demo' };

export interface PrinterHealth {
  deviceId: string;
  branchId: string;
  online: boolean;
  problem: string | null;
}

/**
 * Printers belong to kiosks. A ticket is printed after it is committed; a printer that is out
 * of paper holds the job (the kiosk shows the ticket on screen instead) and never undoes it.
 */
export class Printing {
  private readonly printers = new Map<string, { printer: EscPosPrinter; branchId: string }>();
  private simulator: PrinterSimulator | null = null;
  /** Printers whose set-up failed, with why: reported as offline, their tickets shown on screen. */
  private readonly broken = new Map<string, { branchId: string; problem: string }>();

  constructor(
    private readonly log: Logger,
    private readonly onStatus: (h: PrinterHealth) => void,
  ) {}

  async start(devices: DeviceRow[], demoPrinter: string | null): Promise<void> {
    for (const device of devices) {
      const config = (device.config as { printer?: PrinterConfig }).printer;
      if (device.kind !== 'kiosk' || !config) continue;
      // One misconfigured printer (a missing font, a bad path) must not stop the hall.
      try {
        const printer = await this.create(config, demoPrinter);
        printer.on('status', (s: PrinterState) =>
          this.onStatus({
            deviceId: device.id,
            branchId: device.branchId,
            online: s.connected && s.online,
            problem: s.reason,
          }),
        );
        this.printers.set(device.id, { printer, branchId: device.branchId });
        await printer.start();
      } catch (err) {
        const problem = err instanceof Error ? err.message : String(err);
        this.log.error({ err, kiosk: device.id }, 'printer could not be set up');
        this.broken.set(device.id, { branchId: device.branchId, problem });
        this.onStatus({ deviceId: device.id, branchId: device.branchId, online: false, problem });
      }
    }
  }

  private async create(config: PrinterConfig, demoPrinter: string | null): Promise<EscPosPrinter> {
    if (config.kind === 'demo') {
      const target = demoPrinter ?? `tcp://127.0.0.1:${await this.startSimulator()}`;
      const [host, port] = target.replace('tcp://', '').split(':');
      return new EscPosPrinter({ transport: { kind: 'tcp', host: host ?? '127.0.0.1', port: Number(port) } });
    }
    const { paper = '80mm', chinese = 'native', imageFont } = config;
    return new EscPosPrinter({ transport: config, paper, chinese, ...(imageFont ? { imageFont } : {}) });
  }

  private async startSimulator(): Promise<number> {
    this.simulator = await startPrinterSimulator({ port: 0 });
    this.log.info({ port: this.simulator.port }, 'demo printer simulator listening');
    return this.simulator.port;
  }

  health(): PrinterHealth[] {
    const broken = [...this.broken].map(([deviceId, b]) => ({
      deviceId,
      branchId: b.branchId,
      online: false,
      problem: b.problem,
    }));
    return [...broken, ...this.printersHealth()];
  }

  private printersHealth(): PrinterHealth[] {
    return [...this.printers].map(([deviceId, { printer, branchId }]) => {
      const s = printer.status;
      return { deviceId, branchId, online: s.connected && s.online, problem: s.reason };
    });
  }

  async print(kioskId: string, data: TicketPrintData, jobId: string): Promise<IssuedTicket['print']> {
    const broken = this.broken.get(kioskId);
    if (broken) return { status: 'failed', reason: broken.problem };
    const entry = this.printers.get(kioskId);
    if (!entry) return { status: 'no_printer', reason: null };
    try {
      const result = await entry.printer.printTicket(jobId, data);
      if (result.printed) return { status: 'printed', reason: null };
      return { status: result.held ? 'held' : 'failed', reason: result.reason };
    } catch (err) {
      this.log.warn({ err, kioskId }, 'printing failed');
      return { status: 'failed', reason: err instanceof Error ? err.message : String(err) };
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.printers.values()].map(({ printer }) => printer.stop()));
    this.printers.clear();
    await this.simulator?.close();
  }
}
