import { describe, expect, it } from 'vitest';
import { formatCode, issueRefusal, issueTicket } from './issue.js';
import { sequenceKey } from './state.js';
import { BRANCH_ID, codeOf, everyDay, Hall, makeService, T0 } from './test-support.js';
import { rollover } from './ticket-commands.js';

describe('issueTicket', () => {
  it('numbers tickets per service from 001, zero-padded, with the service prefix', () => {
    const hall = new Hall();
    const codes = [hall.issue('A'), hall.issue('A'), hall.issue('B'), hall.issue('A')].map((t) => t.code);
    expect(codes).toEqual(['A001', 'A002', 'B001', 'A003']);
    expect(hall.state.sequences.get(sequenceKey('A', '2026-01-15'))).toBe(3);
  });

  it.each([
    ['A', 1, 'A001'],
    ['A', 42, 'A042'],
    ['VIP', 999, 'VIP999'],
    ['A', 1000, 'A1000'],
  ])('formatCode(%s, %i) is %s', (prefix, seq, code) => {
    expect(formatCode(prefix, seq)).toBe(code);
  });

  it('creates a waiting ticket queued at the issue time with the default locale and the issuing device', () => {
    const hall = new Hall();
    hall.ctx.actor = { kind: 'device', id: 'kiosk-1' };
    const t = hall.issue('A', 'normal', { idempotencyKey: 'k1' });
    expect(t).toMatchObject({
      status: 'waiting',
      businessDay: '2026-01-15',
      seq: 1,
      rank: T0,
      issuedAt: T0,
      queuedAt: T0,
      counterId: null,
      callCount: 0,
      locale: 'zh-CN',
      issuedBy: 'kiosk-1',
      idempotencyKey: 'k1',
      trackKey: 'secret-1',
    });
  });

  it('refuses a service of another branch or an unknown service with SERVICE_NOT_FOUND', () => {
    const hall = new Hall();
    const input = { branchId: 'other', serviceId: 'A', ticketClass: 'normal' as const };
    expect(codeOf(issueTicket(hall.state, input, hall.ctx))).toBe('SERVICE_NOT_FOUND');
    expect(codeOf(issueTicket(hall.state, { ...input, branchId: BRANCH_ID, serviceId: 'Z' }, hall.ctx))).toBe(
      'SERVICE_NOT_FOUND',
    );
  });

  // Paris, Thursday 2026-01-15; hours 08:00–18:00, cutoff 15 minutes.
  it.each([
    ['before opening', Date.UTC(2026, 0, 15, 6, 59), 'OUTSIDE_OPENING_HOURS'],
    ['at opening', Date.UTC(2026, 0, 15, 7, 0), 'ok'],
    ['just before the cutoff', Date.UTC(2026, 0, 15, 16, 44), 'ok'],
    ['at the cutoff', Date.UTC(2026, 0, 15, 16, 45), 'AFTER_ISSUE_CUTOFF'],
    ['in the last minute', Date.UTC(2026, 0, 15, 16, 59), 'AFTER_ISSUE_CUTOFF'],
    ['at closing', Date.UTC(2026, 0, 15, 17, 0), 'OUTSIDE_OPENING_HOURS'],
  ])('issuing %s gives %s', (_label, now, code) => {
    const hall = new Hall({ now });
    expect(
      codeOf(
        issueTicket(hall.state, { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' }, hall.ctx),
      ),
    ).toBe(code);
  });

  it('refuses on a holiday exception and issues on an extra working day', () => {
    const hall = new Hall({
      branch: {
        hours: { 1: [{ open: '08:00', close: '18:00' }] },
        exceptions: [
          { date: '2026-01-19', intervals: [], note: 'holiday' },
          { date: '2026-01-17', intervals: [{ open: '09:00', close: '12:00' }] },
        ],
      },
    });
    const tryAt = (now: number) =>
      codeOf(
        issueTicket(
          hall.state,
          { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
          hall.setNow(now).ctx,
        ),
      );
    expect(tryAt(Date.UTC(2026, 0, 19, 9))).toBe('OUTSIDE_OPENING_HOURS'); // Monday, holiday
    expect(tryAt(Date.UTC(2026, 0, 26, 9))).toBe('ok'); // the next Monday
    expect(tryAt(Date.UTC(2026, 0, 17, 9))).toBe('ok'); // Saturday 10:00, extra day
    expect(tryAt(Date.UTC(2026, 0, 17, 12))).toBe('OUTSIDE_OPENING_HOURS'); // Saturday 13:00
    expect(tryAt(Date.UTC(2026, 0, 18, 9))).toBe('OUTSIDE_OPENING_HOURS'); // Sunday, no hours
  });

  it('refuses a suspended service with SERVICE_SUSPENDED and its reason', () => {
    const hall = new Hall({
      services: [makeService('A', 'A', { suspended: true, suspendedReason: 'system down' })],
    });
    const r = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
      hall.ctx,
    );
    expect(codeOf(r)).toBe('SERVICE_SUSPENDED');
    expect(r.ok ? '' : r.error.message).toContain('system down');
    expect(hall.state.tickets.size).toBe(0);
  });

  it('refuses with DAILY_CAP_REACHED once the cap is issued, and issueRefusal agrees', () => {
    const hall = new Hall({ services: [makeService('A', 'A', { dailyCap: 2 })] });
    hall.issue('A');
    expect(issueRefusal(hall.state, hall.service('A'), hall.now)).toBeNull();
    hall.issue('A');
    const r = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
      hall.ctx,
    );
    expect(codeOf(r)).toBe('DAILY_CAP_REACHED');
    expect(issueRefusal(hall.state, hall.service('A'), hall.now)?.error.code).toBe('DAILY_CAP_REACHED');
  });

  it('counts cancelled tickets against the daily cap (numbers once issued are spent)', () => {
    const hall = new Hall({ services: [makeService('A', 'A', { dailyCap: 1 })] });
    const t = hall.issue('A');
    hall.apply([
      {
        type: 'ticket.cancelled',
        by: 'holder',
        at: hall.now,
        actor: hall.ctx.actor,
        branchId: BRANCH_ID,
        counterId: null,
        ticketId: t.id,
        reason: null,
      },
    ]);
    const r = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
      hall.ctx,
    );
    expect(codeOf(r)).toBe('DAILY_CAP_REACHED');
  });

  it('refuses PERSON_ID_REQUIRED without a person hash when the service asks for one', () => {
    const hall = new Hall({ services: [makeService('A', 'A', { requiresPersonId: true })] });
    const input = { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' as const };
    expect(codeOf(issueTicket(hall.state, input, hall.ctx))).toBe('PERSON_ID_REQUIRED');
    expect(codeOf(issueTicket(hall.state, { ...input, personHash: '' }, hall.ctx))).toBe(
      'PERSON_ID_REQUIRED',
    );
    expect(codeOf(issueTicket(hall.state, { ...input, personHash: 'h1' }, hall.ctx))).toBe('ok');
  });

  it('refuses PERSON_LIMIT_REACHED per person and service, not counting cancelled tickets', () => {
    const hall = new Hall({
      services: [
        makeService('A', 'A', { perPersonDailyLimit: 1, requiresPersonId: true }),
        makeService('B', 'B'),
      ],
    });
    const first = hall.issue('A', 'normal', { personHash: 'alice', personMasked: '138****0000' });
    expect(first.personMasked).toBe('138****0000');
    const again = {
      branchId: BRANCH_ID,
      serviceId: 'A',
      ticketClass: 'normal' as const,
      personHash: 'alice',
    };
    expect(codeOf(issueTicket(hall.state, again, hall.ctx))).toBe('PERSON_LIMIT_REACHED');
    expect(codeOf(issueTicket(hall.state, { ...again, personHash: 'bob' }, hall.ctx))).toBe('ok');
    expect(codeOf(issueTicket(hall.state, { ...again, serviceId: 'B' }, hall.ctx))).toBe('ok');
    hall.ticket(first.id).status = 'cancelled';
    expect(codeOf(issueTicket(hall.state, again, hall.ctx))).toBe('ok');
  });

  it('counts a person by her live tickets of today: not once her number is purged, not after the rollover', () => {
    const hall = new Hall({
      branch: { timezone: 'UTC', hours: everyDay('00:00', '24:00'), issueCutoffMinutes: 0 },
      services: [makeService('A', 'A', { perPersonDailyLimit: 2, requiresPersonId: true })],
      now: Date.UTC(2026, 0, 15, 22, 0),
    });
    const alice = {
      branchId: BRANCH_ID,
      serviceId: 'A',
      ticketClass: 'normal' as const,
      personHash: 'alice',
    };
    const first = hall.issue('A', 'normal', { personHash: 'alice' });
    hall.issue('A', 'normal', { personHash: 'alice' });
    hall.issue('A', 'normal', { personHash: 'bob' });
    expect(codeOf(issueTicket(hall.state, alice, hall.ctx))).toBe('PERSON_LIMIT_REACHED');
    // The purge nulls the number on the ticket (housekeeping/purge.ts): it no longer counts.
    hall.ticket(first.id).personHash = null;
    const third = hall.issue('A', 'normal', { personHash: 'alice' });
    expect(codeOf(issueTicket(hall.state, alice, hall.ctx))).toBe('PERSON_LIMIT_REACHED');
    // Next day: yesterday's tickets leave the live state and her count starts again.
    hall.setNow(Date.UTC(2026, 0, 16, 0, 1));
    hall.commit(rollover(hall.state, BRANCH_ID, hall.ctx));
    expect(hall.state.tickets.has(third.id)).toBe(false);
    hall.issue('A', 'normal', { personHash: 'alice' });
    hall.issue('A', 'normal', { personHash: 'alice' });
    expect(codeOf(issueTicket(hall.state, alice, hall.ctx))).toBe('PERSON_LIMIT_REACHED');
    expect(hall.state.personTickets.get('alice')).toHaveLength(2); // the index was rebuilt, not grown
  });

  it('refuses PRIORITY_NOT_ALLOWED for priority and appointment classes where the service has none', () => {
    const hall = new Hall({ services: [makeService('A', 'A', { allowPriority: false })] });
    for (const ticketClass of ['priority', 'appointment'] as const) {
      const r = issueTicket(hall.state, { branchId: BRANCH_ID, serviceId: 'A', ticketClass }, hall.ctx);
      expect(codeOf(r)).toBe('PRIORITY_NOT_ALLOWED');
    }
    expect(hall.issue('A').ticketClass).toBe('normal');
  });

  it('reports the people ahead: priority tickets go ahead of normal ones', () => {
    const hall = new Hall();
    hall.issueThen('A');
    hall.issueThen('A');
    hall.issueThen('B');
    const normal = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
      hall.ctx,
    );
    const prio = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'priority' },
      hall.ctx,
    );
    expect(normal.ok && normal.data.ahead).toBe(2);
    expect(prio.ok && prio.data.ahead).toBe(0);
  });

  it('does not change the state itself: only applying its event does', () => {
    const hall = new Hall();
    const r = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
      hall.ctx,
    );
    expect(r.ok).toBe(true);
    expect(hall.state.tickets.size).toBe(0);
    expect(hall.state.sequences.size).toBe(0);
  });
});
