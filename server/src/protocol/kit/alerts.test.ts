import { describe, expect, it } from 'vitest';
import { alertLevelText, alertText, byUrgency, mergeAlert } from './alerts.js';
import { alert } from './testing/fixtures.js';

describe('alert words and the held list', () => {
  it('words each kind in both languages, waits in whole minutes rounded up', () => {
    const wait = alert({ kind: 'wait_over_target', value: 1_261, threshold: 1_200 });
    expect(alertText(wait, 'zh-CN')).toBe('等候超时：最长等候 22 分钟（目标 20 分钟）');
    expect(alertText(wait, 'en')).toBe('Long wait: 22 min (target 20 min)');
    expect(alertText(alert({ kind: 'counter_paused', value: 17, threshold: 15 }), 'en')).toBe(
      'Long pause: 17 min (limit 15 min)',
    );
    expect(alertText(alert({ kind: 'counter_idle', value: 6, threshold: 5 }), 'zh-CN')).toBe(
      '窗口空闲但有人等候：已空闲 6 分钟（上限 5 分钟）',
    );
    expect(alertText(alert({ kind: 'bad_rating' }), 'en')).toBe('New bad rating, to be called back');
    expect(alertText(alert({ kind: 'something_new' }), 'en')).toBe('Alert something_new');
    expect(alertLevelText(alert({ level: 'critical' }), 'zh-CN')).toBe('▲▲ 严重');
    expect(alertLevelText(alert(), 'en')).toBe('▲ Warning');
  });

  it('puts critical first, then the oldest', () => {
    const list = [
      alert({ id: 'w-old', raisedAt: 1 }),
      alert({ id: 'c', level: 'critical', raisedAt: 5 }),
      alert({ id: 'w-new', raisedAt: 3 }),
    ];
    expect(list.sort(byUrgency).map((a) => a.id)).toEqual(['c', 'w-old', 'w-new']);
  });

  it('replaces by id, adds new ones, and ignores a change older than the one held', () => {
    const raised = alert();
    const acked = { ...raised, acknowledgedAt: 5, acknowledgedBy: 'user-manager' };
    let held = mergeAlert([], raised);
    held = mergeAlert(held, acked);
    expect(held).toEqual([acked]);
    // The raise arriving late after the acknowledgement does not undo it.
    expect(mergeAlert(held, raised)).toEqual([acked]);
    const relevelled = { ...acked, level: 'critical' as const, updatedAt: raised.updatedAt + 10 };
    expect(mergeAlert(held, relevelled)).toEqual([relevelled]);
    expect(mergeAlert([relevelled], acked)).toEqual([relevelled]);
    expect(mergeAlert(held, alert({ id: 'other' }))).toHaveLength(2);
  });
});
