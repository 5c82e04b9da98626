import {
  EscPosPrinter,
  type EscPosPrinterOptions,
  type PrinterJobEvent,
  type PrinterSimulator,
  type PrinterState,
  startPrinterSimulator,
} from '@guichet/drivers';
import type { Logger } from 'pino';
import type { PrinterConfig } from '../../protocol/settings.js';
import { LedBuses } from './led-buses.js';
import type { DeviceDrivers, DeviceState, TicketPrinter } from './ports.js';

/** A held ticket is given up (and reported to staff) after this long unless the config says otherwise. */
export const DEFAULT_MAX_HOLD_MS = 10 * 60_000;

const stateOf = (s: PrinterState): DeviceState => ({
  online: s.connected && s.online,
  problem: s.reason,
  heldJobs: s.heldJobs,
});

/** The real drivers: ESC/POS printers over TCP or serial, LED displays on shared serial buses. */
export function hardwareDrivers(opts: {
  demoPrinter: string | null;
  log: Logger;
  /** Where QLP/1 SEQ numbers persist across restarts (null: not persisted). */
  dataDir: string | null;
}): DeviceDrivers {
  let simulator: Promise<PrinterSimulator> | null = null;
  const leds = new LedBuses(opts.log, opts.dataDir);

  const demoTarget = async () => {
    if (opts.demoPrinter) return opts.demoPrinter;
    simulator ??= startPrinterSimulator({ port: 0 }).then((sim) => {
      opts.log.info({ port: sim.port }, 'demo printer simulator listening');
      return sim;
    });
    return `tcp://127.0.0.1:${(await simulator).port}`;
  };

  const create = async (deviceId: string, config: PrinterConfig): Promise<EscPosPrinter> => {
    const common: Omit<EscPosPrinterOptions, 'transport'> = {
      logger: opts.log.child({ kiosk: deviceId }),
      name: deviceId,
      maxHoldMs: config.maxHoldMs ?? DEFAULT_MAX_HOLD_MS,
    };
    if (config.kind === 'demo') {
      const [host, port] = (await demoTarget()).replace('tcp://', '').split(':');
      return new EscPosPrinter({
        ...common,
        transport: { kind: 'tcp', host: host ?? '127.0.0.1', port: Number(port) },
      });
    }
    const { paper = '80mm', chinese = 'native', imageFont, maxHoldMs: _, ...transport } = config;
    return new EscPosPrinter({ ...common, transport, paper, chinese, ...(imageFont ? { imageFont } : {}) });
  };

  return {
    async printer(deviceId, config, report): Promise<TicketPrinter> {
      const printer = await create(deviceId, config);
      printer.on('status', (s: PrinterState) => report.state(stateOf(s)));
      printer.on('job', (e: PrinterJobEvent) =>
        report.job({
          type: e.type,
          jobId: e.jobId,
          ticketCode: e.ticketCode,
          heldMs: e.heldMs,
          reason: e.type === 'printed_late' ? null : e.reason,
        }),
      );
      await printer.start();
      return {
        state: () => stateOf(printer.status),
        async print(jobId, data) {
          try {
            const result = await printer.printTicket(jobId, data);
            if (result.printed) return { status: 'printed', reason: null };
            return { status: result.held ? 'held' : 'failed', reason: result.reason };
          } catch (err) {
            opts.log.warn({ err, kioskId: deviceId }, 'printing failed');
            return { status: 'failed', reason: err instanceof Error ? err.message : String(err) };
          }
        },
        stop: () => printer.stop(),
      };
    },

    display: (deviceId, config, onState) => leds.display(deviceId, config, onState),

    async stop() {
      await leds.stop();
      await (await simulator)?.close();
    },
  };
}
