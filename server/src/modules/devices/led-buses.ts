import { join } from 'node:path';
import {
  type BusStatus,
  CounterDisplay,
  type CounterDisplayMessages,
  DEFAULT_COUNTER_MESSAGES,
  type LinkChange,
  type ProtocolOptions,
  SerialBus,
} from '@guichet/drivers';
import type { Logger } from 'pino';
import type { LedConfig } from '../../protocol/settings.js';
import type { CounterDisplayPort, DeviceState } from './ports.js';

interface SharedBus {
  bus: SerialBus;
  options: ProtocolOptions;
  users: Set<string>;
  /** Link reports by display address: only the display whose link changed is reported. */
  listeners: Map<number, (s: DeviceState) => void>;
  /** What was last reported per address, so each transition is reported once. */
  reported: Map<number, boolean>;
  connected: boolean;
}

/** The protocol options a display's config asks of its bus. */
function protocolOptionsOf(config: LedConfig): ProtocolOptions {
  const { width, overflow, liveness } = config.bus;
  return {
    ...(width !== undefined ? { width } : {}),
    ...(overflow ? { overflow } : {}),
    ...(liveness ? { liveness } : {}),
  };
}

/**
 * The messages a display shows. On a panel narrower than "PAUSE" / "CLOSED" the drivers would
 * show "----"; without a configured text the short forms 'P' and 'OFF' say more.
 */
export function messagesOf(config: LedConfig): Partial<CounterDisplayMessages> {
  const width = config.bus.width;
  const m = { ...config.messages };
  if (width !== undefined && config.bus.protocol !== 'qlp1') {
    if (m.paused === undefined && DEFAULT_COUNTER_MESSAGES.paused.length > width) m.paused = 'P';
    if (m.closed === undefined && DEFAULT_COUNTER_MESSAGES.closed.length > width) m.closed = 'OFF';
  }
  return m;
}

/**
 * LED displays on shared serial buses: one `SerialBus` per port path, opened by its first
 * display and closed by its last. QLP/1 SEQ numbers persist in `<data dir>/qlp1-seq.json`, so
 * a restart does not start again at 0. Each display's link change (the bus's 'link' event, once
 * per transition) is reported for that display alone.
 */
export class LedBuses {
  private readonly buses = new Map<string, SharedBus>();

  constructor(
    private readonly log: Logger,
    private readonly dataDir: string | null,
  ) {}

  async display(
    deviceId: string,
    config: LedConfig,
    onState: (s: DeviceState) => void,
  ): Promise<CounterDisplayPort> {
    const { path } = config.bus;
    const entry = await this.open(config);
    const display = new CounterDisplay(entry.bus, config.address, messagesOf(config));
    entry.users.add(deviceId);
    entry.listeners.set(config.address, onState);
    const buses = this.buses;
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
        if (entry.listeners.get(config.address) === onState) entry.listeners.delete(config.address);
        if (entry.users.size === 0 && buses.get(path) === entry) {
          buses.delete(path);
          await entry.bus.stop();
        }
      },
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.buses.values()].map((b) => b.bus.stop()));
    this.buses.clear();
  }

  private async open(config: LedConfig): Promise<SharedBus> {
    const { path, protocol } = config.bus;
    const wanted = protocolOptionsOf(config);
    const existing = this.buses.get(path);
    if (existing) {
      if (JSON.stringify(existing.options) !== JSON.stringify(wanted))
        this.log.warn(
          { path, busOptions: existing.options, ignored: wanted },
          'LED displays on one bus disagree on width/overflow/liveness; the first display’s settings apply',
        );
      return existing;
    }
    const bus = new SerialBus({
      path,
      protocol,
      baudRate: config.bus.baudRate ?? 9600,
      protocolOptions: wanted,
      logger: this.log.child({ bus: path }),
      ...(this.dataDir && protocol === 'qlp1' ? { seqFile: join(this.dataDir, 'qlp1-seq.json') } : {}),
    });
    const shared: SharedBus = {
      bus,
      options: wanted,
      users: new Set(),
      listeners: new Map(),
      reported: new Map(),
      connected: false,
    };
    this.buses.set(path, shared);
    const report = (address: number, s: DeviceState) => {
      // Offline then disconnected (or the reverse) is one transition for staff, not two.
      if (shared.reported.get(address) === s.online) return;
      shared.reported.set(address, s.online);
      shared.listeners.get(address)?.(s);
    };
    // A display's own link: the bus emits 'link' once per transition (and logs it).
    bus.on('link', (c: LinkChange) => {
      if (c.link === 'unknown') return;
      report(c.address, { online: c.link === 'online', problem: c.link === 'online' ? null : 'offline' });
    });
    // An unplugged bus silences every display on it, though their links keep their last value:
    // reported once when the port goes; each display's next answer reports it back ('link').
    bus.on('status', (s: BusStatus) => {
      if (s.connected === shared.connected) return;
      shared.connected = s.connected;
      if (!s.connected) {
        for (const address of shared.listeners.keys())
          report(address, { online: false, problem: 'disconnected' });
        return;
      }
      // Plugged back: once the replay went out, a display that answered is back (its link may
      // not change, so no 'link' event says so); one that did not has gone offline meanwhile.
      void bus.whenIdle().then(() => {
        if (!shared.connected) return;
        for (const d of bus.getStatus().displays)
          if (d.link === 'online') report(d.address, { online: true, problem: null });
      });
    });
    await bus
      .start()
      .catch((err: unknown) => this.log.warn({ err, path }, 'LED bus not available yet; retrying'));
    return shared;
  }
}
