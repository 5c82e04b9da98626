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

/**
 * B002: issued 09:01 for svc-b, called at ctr-2 by u2 at 09:03 (120 s wait), handled 300 s,
 * transferred to the front of svc-m at 09:09, called at ctr-3 by u3 at 09:30 (1,260 s wait),
 * served 540 s, finished 09:40: one ticket, two legs.
 */
export const transferredTicket = (): DomainEvent[] => [
  issued('B002', 'svc-b', '09:01:00'),
  called('B002', '09:03:00', 'ctr-2', 'u2'),
  ev('B002', 'ticket.started', '09:04:00'),
  ev('B002', 'ticket.transferred', '09:09:00', {
    toServiceId: 'svc-m',
    targetCounterId: null,
    placement: 'first',
    rank: 0,
  }),
  called('B002', '09:30:00', 'ctr-3', 'u3'),
  ev('B002', 'ticket.started', '09:31:00'),
  ev('B002', 'ticket.finished', '09:40:00', { outcome: 'served' }),
];

/**
 * C003: issued 10:00 for svc-c, called at ctr-1 by u1 at 10:10 (600 s wait), an automatic
 * no-show at 10:12, reinstated at 10:30, called at ctr-2 by u2 at 10:35, finished 10:45 (never
 * started): it waits again from its reinstatement.
 */
export const reinstatedNoShow = (): DomainEvent[] => [
  issued('C003', 'svc-c', '10:00:00'),
  called('C003', '10:10:00', 'ctr-1', 'u1'),
  ev('C003', 'ticket.no_show', '10:12:00', { auto: true }),
  ev('C003', 'ticket.reinstated', '10:30:00', { rank: 1 }),
  called('C003', '10:35:00', 'ctr-2', 'u2'),
  ev('C003', 'ticket.finished', '10:45:00', { outcome: 'served' }),
];
