import { type Counter, type DomainEvent, isDomainEvent, type QueueState } from '../../core/index.js';
import type { AnyEvent } from '../../kernel/events.js';
import type { CounterDisplayPort } from './ports.js';

/**
 * LED displays follow their counters. After each commit the display above the counter shows
 * the called code (blinking, then steady), or its idle / paused / closed message. The port
 * keeps the latest state and replays it after an unplug, so this never waits on it.
 */
export class CounterDisplays {
  constructor(
    private readonly state: QueueState,
    private readonly displayOf: (counterId: string) => CounterDisplayPort | undefined,
  ) {}

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

  show(counterId: string, events: DomainEvent[] = []): void {
    const d = this.displayOf(counterId);
    const counter = this.state.counters.get(counterId);
    if (!d || !counter) return;
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
}
