import { describe, expect, it } from 'vitest';
import { type AlertRules, alertConditions, DEFAULT_ALERT_RULES } from './alerts.js';
import { Hall, MINUTE, T0 } from './test-support.js';

// Only the idle rule, so each case shows what it alone raises.
const idleOnly: AlertRules = {
  waitOverTarget: { enabled: false, criticalPercent: 150 },
  queueLength: { enabled: false, warning: 15, critical: 30 },
  noCounterOpen: { enabled: false },
  counterPaused: { enabled: false, warningMinutes: 15, criticalMinutes: 30 },
  counterIdle: { enabled: true, warningMinutes: 5, criticalMinutes: 15 },
};
/** c1 serves A (and B second), c2 serves only B; both idle since T0. */
function hall() {
  const h = new Hall({
    counters: [
      { id: 'c1', number: 1, levels: { A: 1, B: 2 } },
      { id: 'c2', number: 2, levels: { B: 1 } },
    ],
  });
  for (const c of h.state.counters.values()) c.stateSince = T0;
  return h;
}
const idleAlerts = (h: Hall, rules = idleOnly) =>
  alertConditions(h.state, 'b1', rules, h.now).filter((a) => a.kind === 'counter_idle');

describe('counter idle while tickets it may call wait', () => {
  it('raises nothing for an idle counter with nobody to call, however long', () => {
    const h = hall();
    h.setNow(T0 + 60 * MINUTE);
    expect(idleAlerts(h)).toEqual([]);
  });

  it('warns past the warning minutes for the counter that may call the waiting ticket only', () => {
    const h = hall();
    h.issue('A');
    h.setNow(T0 + 4 * MINUTE);
    expect(idleAlerts(h)).toEqual([]);
    h.setNow(T0 + 5 * MINUTE);
    expect(idleAlerts(h)).toEqual([
      expect.objectContaining({ key: 'counter_idle:c1', level: 'warning', value: 5, threshold: 5 }),
    ]);
  });

  it('turns critical past the critical minutes, and stops once the counter calls', () => {
    const h = hall();
    h.issue('B');
    h.setNow(T0 + 15 * MINUTE);
    expect(idleAlerts(h).map((a) => `${a.counterId} ${a.level}`)).toEqual(['c1 critical', 'c2 critical']);
    h.counter('c1').state = 'calling';
    expect(idleAlerts(h).map((a) => a.counterId)).toEqual(['c2']);
  });

  it('is on by default and off in a rule set stored before it existed', () => {
    const h = hall();
    h.issue('A');
    h.setNow(T0 + 20 * MINUTE);
    expect(idleAlerts(h, DEFAULT_ALERT_RULES)).toHaveLength(1);
    const { counterIdle: _, ...older } = idleOnly;
    expect(idleAlerts(h, older)).toEqual([]);
  });
});
