import type { DeviceRow } from '@guichet/db';
import { CounterDisplay, type CounterDisplayMessages, type ProtocolId, SerialBus } from '@guichet/drivers';
import type { Logger } from 'pino';
import { type Counter, type DomainEvent, isDomainEvent, type QueueState } from '../../core/index.js';
import type { AnyEvent } from '../../kernel/events.js';

/** An LED display device row: which bus, which address, which counter, what it says when idle. */
export interface LedConfig {
  bus: { path: string; protocol: ProtocolId; baudRate?: number };
  address: number;
  messages?: Partial<CounterDisplayMessages>;
}

export interface LedHealth {
  deviceId: string;
  counterId: string;
  path: string;
  address: number;
  online: boolean;
}

/**
 * LED displays belong to counters. After each commit the display above the counter shows the
 * called code (blinking, then steady), or its idle / paused / closed message. The bus keeps the
 * latest state per display and replays it after an unplug, so this class never waits on it.
 */
export class LedDisplays {
  private readonly buses = new Map<string, SerialBus>();
  private readonly displays = new Map<string, { deviceId: string; display: CounterDisplay; path: string }>();

  constructor(
    private readonly state: QueueState,
    private readonly log: Logger,
    private readonly onStatus: (h: LedHealth) => void,
  ) {}

  async start(devices: DeviceRow[]): Promise<void> {
    for (const device of devices) {
      if (device.kind !== 'led' || !device.counterId) continue;
      const config = device.config as LedConfig;
      let bus = this.buses.get(config.bus.path);
      if (!bus) {
        bus = new SerialBus({
          path: config.bus.path,
          protocol: config.bus.protocol,
          baudRate: config.bus.baudRate ?? 9600,
        });
        bus.on('status', () => this.report(config.bus.path));
        this.buses.set(config.bus.path, bus);
      }
      this.displays.set(device.counterId, {
        deviceId: device.id,
        display: new CounterDisplay(bus, config.address, config.messages),
        path: config.bus.path,
      });
    }
    for (const [path, bus] of this.buses) {
      await bus
        .start()
        .catch((err: unknown) => this.log.warn({ err, path }, 'LED bus not available yet; retrying'));
    }
    for (const counterId of this.displays.keys()) this.show(counterId);
  }

  onCommitted(all: readonly AnyEvent[]): void {
    const events = all.filter(isDomainEvent);
    const touched = new Set<string>();
    for (const e of events) {
      if (e.counterId) touched.add(e.counterId);
      // A new day resets tickets without naming counters: refresh every display of the branch.
      if (e.type === 'day.rolled') {
        for (const c of this.state.counters.values()) if (c.branchId === e.branchId) touched.add(c.id);
      }
    }
    for (const counterId of touched) this.show(counterId, events);
  }

  health(): LedHealth[] {
    return [...this.displays].map(([counterId, d]) => ({
      deviceId: d.deviceId,
      counterId,
      path: d.path,
      address: d.display.address,
      online: d.display.link === 'online',
    }));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.buses.values()].map((b) => b.stop()));
  }

  private show(counterId: string, events: DomainEvent[] = []): void {
    const entry = this.displays.get(counterId);
    const counter = this.state.counters.get(counterId);
    if (!entry || !counter) return;
    const d = entry.display;
    const ticket = counter.currentTicketId ? this.state.tickets.get(counter.currentTicketId) : undefined;
    const justCalled = events.some(
      (e) => e.counterId === counterId && (e.type === 'ticket.called' || e.type === 'ticket.recalled'),
    );
    if (ticket && (counter.state === 'calling' || counter.state === 'serving')) {
      // A (re)call blinks; serving keeps the code steady.
      if (justCalled || counter.state === 'calling') d.showCalled(ticket.code, counter.number);
      else d.showText(ticket.code);
      return;
    }
    const idle: Record<Exclude<Counter['state'], 'calling' | 'serving'>, () => void> = {
      idle: () => d.showIdle(),
      paused: () => d.showPaused(),
      closed: () => d.showClosed(),
    };
    idle[counter.state === 'calling' || counter.state === 'serving' ? 'idle' : counter.state]();
  }

  private report(path: string): void {
    for (const h of this.health()) if (h.path === path) this.onStatus(h);
  }
}
