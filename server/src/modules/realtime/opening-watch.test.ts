import { afterEach, describe, expect, it } from 'vitest';
import { everyDay, Hall, MINUTE, makeService } from '../../core/test-support.js';
import { watchOpening } from './opening-watch.js';

// The test hall: Europe/Paris, open 08:00–18:00 every day, issuing stops 15 minutes before closing;
// service B has its own hours and closes at 12:00.
const local = (hhmm: string) => Date.parse(`2026-01-15T${hhmm}:00+01:00`);
let stop = () => {};
afterEach(() => stop());

function watched(at: string) {
  const hall = new Hall({
    now: local(at),
    services: [makeService('A', 'A'), makeService('B', 'B')],
  });
  hall.branch.serviceHours = { B: { hours: everyDay('08:00', '12:00') } };
  const pushed: string[] = [];
  const watch = watchOpening(
    hall.state,
    () => hall.now,
    (id) => pushed.push(id),
  );
  stop = watch.stop;
  return { hall, watch, pushed };
}

describe('opening watch', () => {
  it('pushes nothing while nothing about opening changes', () => {
    const { hall, watch, pushed } = watched('09:00');
    hall.setNow(local('09:00') + 10 * MINUTE);
    expect(watch.check()).toEqual([]);
    expect(pushed).toEqual([]);
  });

  it('pushes the branch when a service closes, at the cut-off and when the hall closes', () => {
    const { hall, watch, pushed } = watched('11:59');
    hall.setNow(local('12:00')); // B's own hours end
    expect(watch.check()).toEqual(['b1']);
    hall.setNow(local('17:44'));
    expect(watch.check()).toEqual([]);
    hall.setNow(local('17:45')); // the hall's 15-minute issue cut-off
    expect(watch.check()).toEqual(['b1']);
    hall.setNow(local('18:00')); // closed
    expect(watch.check()).toEqual(['b1']);
    expect(pushed).toEqual(['b1', 'b1', 'b1']);
  });

  it('pushes when the hall opens in the morning', () => {
    const { hall, watch } = watched('07:59');
    hall.setNow(local('08:00'));
    expect(watch.check()).toEqual(['b1']);
  });
});
