import { describe, expect, it } from 'vitest';
import { callNext, markNoShow, parkTicket } from './counter-commands.js';
import { issueTicket } from './issue.js';
import { BRANCH_ID, Hall } from './test-support.js';
import { reinstateNoShow } from './ticket-commands.js';
import { transferTicket } from './transfer.js';
import type { Ticket } from './types.js';

/** The definition aheadOf must agree with: same-service waiting tickets called before it. */
function aheadByScan(hall: Hall, t: Ticket): number {
  const priority = (x: Ticket) => x.ticketClass !== 'normal';
  return [...hall.state.tickets.values()].filter(
    (u) =>
      u.id !== t.id &&
      u.status === 'waiting' &&
      u.serviceId === t.serviceId &&
      ((priority(u) && !priority(t)) ||
        (priority(u) === priority(t) &&
          (u.rank < t.rank ||
            (u.rank === t.rank &&
              (u.issuedAt < t.issuedAt || (u.issuedAt === t.issuedAt && u.seq < t.seq)))))),
  ).length;
}

describe('aheadOf for a ticket about to be issued', () => {
  it('counts as the full scan would, through reinstates, transfers first and last, and same-millisecond issues', () => {
    const hall = new Hall();
    const probe = () => {
      // A ticket as the next issue would make it, not yet in the state.
      for (const [serviceId, ticketClass] of [
        ['A', 'normal'],
        ['A', 'priority'],
        ['B', 'normal'],
      ] as const) {
        const r = issueTicket(hall.state, { branchId: BRANCH_ID, serviceId, ticketClass }, hall.ctx);
        if (!r.ok) throw new Error(r.error.code);
        expect(r.data.ahead, `${serviceId} ${ticketClass}`).toBe(aheadByScan(hall, r.data.ticket));
      }
    };
    for (let round = 0; round < 6; round++) {
      hall.issue('A');
      hall.issue('A'); // same millisecond
      hall.issue('B', round % 2 ? 'priority' : 'normal');
      probe();
      hall.commit(callNext(hall.state, 'c1', hall.ctx));
      if (round % 3 === 0) {
        hall.commit(markNoShow(hall.state, 'c1', hall.ctx));
        const noShow = [...hall.state.tickets.values()].find((t) => t.status === 'no_show')!;
        hall.commit(reinstateNoShow(hall.state, noShow.id, hall.ctx));
      } else if (round % 3 === 1) {
        hall.commit(transferTicket(hall.state, 'c1', { toServiceId: 'B', placement: 'last' }, hall.ctx));
      } else {
        hall.commit(parkTicket(hall.state, 'c1', null, hall.ctx));
      }
      probe();
      hall.commit(callNext(hall.state, 'c2', hall.ctx));
      hall.commit(transferTicket(hall.state, 'c2', { toServiceId: 'A', placement: 'first' }, hall.ctx));
      probe();
      hall.advance(1);
    }
  });
});
