import { describe, expect, it } from 'vitest';
import { IMPLICIT_START_REASON, unfoldEvents } from './unfold.js';

const finish = (payload: unknown) => ({
  type: 'ticket.finished',
  at: 10_000,
  reason: null,
  payload,
  ip: '10.0.0.7',
});

describe('unfoldEvents', () => {
  it('reads the implied start back from the offset a finish keeps, before the finish', () => {
    const [start, done, ...rest] = unfoldEvents([finish('{"outcome":"referred","implicitStartMs":2500}')]);
    expect(rest).toEqual([]);
    expect(start).toEqual({
      type: 'ticket.started',
      at: 7_500,
      reason: IMPLICIT_START_REASON,
      payload: '{}',
      ip: null,
    });
    expect(done).toEqual({ ...finish('{"outcome":"referred"}') });
  });

  it('reads the usual outcome back where the row left it out', () => {
    const [start, done] = unfoldEvents([finish('{"implicitStartMs":60000}')]);
    expect(start).toMatchObject({ type: 'ticket.started', at: -50_000 });
    expect(done!.payload).toBe('{"outcome":"served"}');
    expect(unfoldEvents([finish('{}')])).toEqual([finish('{"outcome":"served"}')]);
    expect(unfoldEvents([finish({ extra: 1 })])).toEqual([finish({ outcome: 'served', extra: 1 })]);
  });

  it('reads rows written with the instant (implicitStartAt) the same way', () => {
    const [start, done] = unfoldEvents([finish('{"outcome":"served","implicitStartAt":7500}')]);
    expect(start).toMatchObject({ type: 'ticket.started', at: 7_500, reason: IMPLICIT_START_REASON });
    expect(done!.payload).toBe('{"outcome":"served"}');
  });

  it('takes parsed payloads as well as JSON text', () => {
    const [start, done] = unfoldEvents([finish({ outcome: 'referred', implicitStartMs: 0 })]);
    expect(start).toMatchObject({ at: 10_000, payload: {} });
    expect(done!.payload).toEqual({ outcome: 'referred' });
  });

  it('leaves a finish without an implied start, and every other row, as it is', () => {
    const rows = [
      { type: 'ticket.called', at: 1, reason: 'level 1', payload: '{"rule":"level_fifo"}' },
      finish('{"outcome":"served_incomplete"}'),
    ];
    expect(unfoldEvents(rows)).toEqual(rows);
    // An offset that is no number is no start, and is not read back either.
    expect(unfoldEvents([finish('{"outcome":"served","implicitStartMs":"soon"}')])).toEqual([
      finish('{"outcome":"served"}'),
    ]);
  });
});
