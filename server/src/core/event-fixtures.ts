import type { DomainEvent } from './events.js';
import type { Ticket } from './types.js';

/**
 * Hand-written ticket events for the measurement tests (legs, report rows): times on Monday
 * 2026-03-02 in Shanghai (UTC+8), so every expected figure can be worked out from the clock.
 */
export const at = (hms: string): number => Date.parse(`2026-03-02T${hms}+08:00`);

/** Any ticket event; staff member `u` acts unless `extra` names another actor. */
export const ev = (
  t: string,
  type: string,
  time: string,
  extra: object = {},
  counterId: string | null = null,
): DomainEvent =>
  ({
    branchId: 'b',
    counterId,
    ticketId: t,
    reason: null,
    type,
    at: at(time),
    actor: { kind: 'user', id: 'u' },
    ...extra,
  }) as DomainEvent;

export const issued = (t: string, serviceId: string, time: string): DomainEvent =>
  ev(t, 'ticket.issued', time, {
    actor: { kind: 'device', id: 'kiosk-1' },
    ticket: { id: t, serviceId } as Ticket,
  });

export const called = (
  t: string,
  time: string,
  counter: string,
  who: string,
  rule = 'level_fifo',
): DomainEvent =>
  ev(t, 'ticket.called', time, { actor: { kind: 'user', id: who }, rule, detail: '', callCount: 1 }, counter);
