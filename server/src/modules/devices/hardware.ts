import {
  CounterDisplay,
  EscPosPrinter,
  type PrinterSimulator,
  type PrinterState,
  SerialBus,
  startPrinterSimulator,
} from '@guichet/drivers';
import type { Logger } from 'pino';
import type { LedConfig, PrinterConfig } from '../../protocol/settings.js';
import type { CounterDisplayPort, DeviceDrivers, DeviceState, TicketPrinter } from './ports.js';

const stateOf = (s: PrinterState): DeviceState => ({ online: s.connected && s.online, problem: s.reason });

/** The real drivers: ESC/POS printers over TCP or serial, LED displays on shared serial buses. */
export function hardwareDrivers(opts: { demoPrinter: string | null; log: Logger }): DeviceDrivers {
  let simulator: Promise<PrinterSimulator> | null = null;
  const buses = new Map<string, { bus: SerialBus; users: Set<string>; listeners: Map<string, () => void> }>();

  const demoTarget = async () => {
    if (opts.demoPrinter) return opts.demoPrinter;
    simulator ??= startPrinterSimulator({ port: 0 }).then((sim) => {
      opts.log.info({ port: sim.port }, 'demo printer simulator listening');
      return sim;
    });
    return `tcp://127.0.0.1:${(await simulator).port}`;
  };

  const create = async (config: PrinterConfig): Promise<EscPosPrinter> => {
    if (config.kind === 'demo') {
      const [host, port] = (await demoTarget()).replace('tcp://', '').split(':');
      return new EscPosPrinter({ transport: { kind: 'tcp', host: host ?? '127.0.0.1', port: Number(port) } });
    }
    const { paper = '80mm', chinese = 'native', imageFont } = config;
    return new EscPosPrinter({ transport: config, paper, chinese, ...(imageFont ? { imageFont } : {}) });
  };

  return {
    async printer(deviceId, config, onState): Promise<TicketPrinter> {
      const printer = await create(config);
      printer.on('status', (s: PrinterState) => onState(stateOf(s)));
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

    async display(deviceId, config: LedConfig, onState): Promise<CounterDisplayPort> {
      const { path } = config.bus;
      let shared = buses.get(path);
      if (!shared) {
        const bus = new SerialBus({
          path,
          protocol: config.bus.protocol,
          baudRate: config.bus.baudRate ?? 9600,
        });
        shared = { bus, users: new Set(), listeners: new Map() };
        buses.set(path, shared);
        const listeners = shared.listeners;
        bus.on('status', () => {
          for (const report of listeners.values()) report();
        });
        await bus
          .start()
          .catch((err: unknown) => opts.log.warn({ err, path }, 'LED bus not available yet; retrying'));
      }
      const display = new CounterDisplay(shared.bus, config.address, config.messages);
      const entry = shared;
      entry.users.add(deviceId);
      entry.listeners.set(deviceId, () => onState({ online: display.link === 'online', problem: null }));
      return {
        showCalled: (code, n) => display.showCalled(code, n),
        showText: (text) => display.showText(text),
        showIdle: () => display.showIdle(),
        showPaused: () => display.showPaused(),
        showClosed: () => display.showClosed(),
        get online() {
          return display.link === 'online';
        },
        path,
        address: config.address,
        // The last display on a bus closes it; the others keep it open.
        async stop() {
          entry.users.delete(deviceId);
          entry.listeners.delete(deviceId);
          if (entry.users.size === 0 && buses.get(path) === entry) {
            buses.delete(path);
            await entry.bus.stop();
          }
        },
      };
    },

    async stop() {
      await Promise.all([...buses.values()].map((b) => b.bus.stop()));
      buses.clear();
      await (await simulator)?.close();
    },
  };
}
