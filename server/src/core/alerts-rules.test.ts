import { describe, expect, it } from 'vitest';
import { type AlertRules, type AlertSubjects, alertConditions, alertRulesProblem } from './alerts.js';
import { Hall, MINUTE, T0 } from './test-support.js';

/** Every branch rule off: each case turns on what it tests. */
const OFF: AlertRules = {
  waitOverTarget: { enabled: false, criticalPercent: 150 },
  queueLength: { enabled: false, warning: 15, critical: 30 },
  noCounterOpen: { enabled: false },
  counterPaused: { enabled: false, warningMinutes: 15, criticalMinutes: 30 },
  counterUnstaffed: { enabled: false, graceMinutes: 10 },
  counterIdle: { enabled: false, warningMinutes: 5, criticalMinutes: 15 },
};
/** Services A and B (target 15 min); counters c1 (A, then B) and c2 (B, then A), both since T0. */
function hall() {
  const h = new Hall();
  for (const c of h.state.counters.values()) c.stateSince = T0;
  return h;
}
const found = (h: Hall, rules: AlertRules, kind: string) =>
  alertConditions(h.state, 'b1', rules, h.now)
    .filter((a) => a.kind === kind)
    .map((a) => `${a.serviceId ?? a.counterId} ${a.level} ${a.value}/${a.threshold}`);
const issue = (h: Hall, service: string, n: number) => {
  for (let i = 0; i < n; i++) h.issue(service);
};

describe('queue length: the branch default, a service override', () => {
  const rules: AlertRules = {
    ...OFF,
    queueLength: { enabled: true, warning: 3, critical: 5 },
    services: { A: { queueLength: { enabled: true, warning: 1, critical: 2 } } },
  };
  it('judges a service with an override at its own counts, the others at the default', () => {
    const h = hall();
    issue(h, 'A', 2);
    issue(h, 'B', 2);
    expect(found(h, rules, 'queue_length')).toEqual(['A warning 2/1']);
    issue(h, 'A', 1);
    issue(h, 'B', 2);
    expect(found(h, rules, 'queue_length')).toEqual(['A critical 3/1', 'B warning 4/3']);
    issue(h, 'B', 2);
    expect(found(h, rules, 'queue_length')).toEqual(['A critical 3/1', 'B critical 6/3']);
  });
  it('an override may turn the rule off for its service, or on while the branch has it off', () => {
    const h = hall();
    issue(h, 'A', 9);
    issue(h, 'B', 9);
    const quietA: AlertRules = {
      ...rules,
      services: { A: { queueLength: { enabled: false, warning: 1, critical: 2 } } },
    };
    expect(found(h, quietA, 'queue_length')).toEqual(['B critical 9/3']);
    const onlyA: AlertRules = { ...rules, queueLength: { enabled: false, warning: 3, critical: 5 } };
    expect(found(h, onlyA, 'queue_length')).toEqual(['A critical 9/1']);
  });
});

describe('longest wait against the target (15 min)', () => {
  const rules: AlertRules = { ...OFF, waitOverTarget: { enabled: true, criticalPercent: 200 } };
  it('warns past the target, turns critical past the critical percent (no warningPercent: 100)', () => {
    const h = hall();
    h.issue('A');
    h.setNow(T0 + 15 * MINUTE);
    expect(found(h, rules, 'wait_over_target')).toEqual([]);
    h.setNow(T0 + 16 * MINUTE);
    expect(found(h, rules, 'wait_over_target')).toEqual(['A warning 960/900']);
    h.setNow(T0 + 31 * MINUTE);
    expect(found(h, rules, 'wait_over_target')).toEqual(['A critical 1860/900']);
  });
  it("a service's own percentages: warned before its target is missed, critical sooner", () => {
    const h = hall();
    h.issue('A');
    h.issue('B');
    const own: AlertRules = {
      ...rules,
      services: { A: { waitOverTarget: { enabled: true, warningPercent: 50, criticalPercent: 100 } } },
    };
    h.setNow(T0 + 8 * MINUTE);
    expect(found(h, own, 'wait_over_target')).toEqual(['A warning 480/900']);
    h.setNow(T0 + 16 * MINUTE);
    expect(found(h, own, 'wait_over_target')).toEqual(['A critical 960/900', 'B warning 960/900']);
  });
});

describe('no counter open', () => {
  it('is critical for a waiting service no open counter serves, unless its override is off', () => {
    const h = hall();
    for (const c of h.state.counters.values()) c.state = 'closed';
    h.issue('A');
    h.issue('B');
    const rules: AlertRules = { ...OFF, noCounterOpen: { enabled: true } };
    expect(found(h, rules, 'no_counter_open')).toEqual(['A critical 1/0', 'B critical 1/0']);
    const quietB = { ...rules, services: { B: { noCounterOpen: { enabled: false } } } };
    expect(found(h, quietB, 'no_counter_open')).toEqual(['A critical 1/0']);
  });
});

describe('a pause judged against its own reason', () => {
  const rules: AlertRules = {
    ...OFF,
    counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
    pauseReasons: {
      lunch: { enabled: true, warningMinutes: 60, criticalMinutes: 75 },
      documents: { enabled: true, warningMinutes: 10, criticalMinutes: 20 },
    },
  };
  function paused(reasons: Record<string, string>) {
    const h = hall();
    for (const [id, reason] of Object.entries(reasons)) {
      h.counter(id).state = 'paused';
      h.counter(id).pauseReason = reason;
    }
    return h;
  }
  it('a lunch may last 60 min, fetching documents 10, any other reason the branch default', () => {
    const h = paused({ c1: 'lunch', c2: 'documents' });
    h.setNow(T0 + 10 * MINUTE);
    expect(found(h, rules, 'counter_paused')).toEqual(['c2 warning 10/10']);
    h.setNow(T0 + 20 * MINUTE);
    expect(found(h, rules, 'counter_paused')).toEqual(['c2 critical 20/10']);
    h.setNow(T0 + 60 * MINUTE);
    expect(found(h, rules, 'counter_paused')).toEqual(['c1 warning 60/60', 'c2 critical 60/10']);
    h.setNow(T0 + 75 * MINUTE);
    expect(found(h, rules, 'counter_paused')).toEqual(['c1 critical 75/60', 'c2 critical 75/10']);
    const other = paused({ c1: 'meeting' });
    other.setNow(T0 + 15 * MINUTE);
    expect(found(other, rules, 'counter_paused')).toEqual(['c1 warning 15/15']);
  });
  it("a reason's allowance turned off never alerts; the branch rule off leaves the reasons' own", () => {
    const h = paused({ c1: 'lunch', c2: 'meeting' });
    h.setNow(T0 + 100 * MINUTE);
    const noLunch = {
      ...rules,
      pauseReasons: { lunch: { enabled: false, warningMinutes: 60, criticalMinutes: 75 } },
    };
    expect(found(h, noLunch, 'counter_paused')).toEqual(['c2 critical 100/15']);
    const onlyLunch = { ...rules, counterPaused: { ...rules.counterPaused, enabled: false } };
    expect(found(h, onlyLunch, 'counter_paused')).toEqual(['c1 critical 100/60']);
  });
});

describe('per counter: idle and unstaffed', () => {
  it('an idle counter is judged at its own minutes, the others at the default', () => {
    const h = hall();
    h.issue('A');
    const rules: AlertRules = {
      ...OFF,
      counterIdle: { enabled: true, warningMinutes: 5, criticalMinutes: 15 },
      counters: { c2: { counterIdle: { enabled: true, warningMinutes: 2, criticalMinutes: 3 } } },
    };
    h.setNow(T0 + 2 * MINUTE);
    expect(found(h, rules, 'counter_idle')).toEqual(['c2 warning 2/2']);
    h.setNow(T0 + 5 * MINUTE);
    expect(found(h, rules, 'counter_idle')).toEqual(['c1 warning 5/5', 'c2 critical 5/2']);
  });
  it('unstaffed inside published hours: on for one counter while the branch has it off', () => {
    const h = hall();
    for (const c of h.state.counters.values()) c.state = 'closed';
    const rules: AlertRules = {
      ...OFF,
      counters: { c1: { counterUnstaffed: { enabled: true, graceMinutes: 5 } } },
    };
    h.setNow(T0 + 4 * MINUTE);
    expect(found(h, rules, 'counter_unstaffed')).toEqual([]);
    h.setNow(T0 + 5 * MINUTE);
    expect(found(h, rules, 'counter_unstaffed')).toEqual(['c1 warning 5/5']);
    const both = { ...rules, counterUnstaffed: { enabled: true, graceMinutes: 10 } };
    h.setNow(T0 + 10 * MINUTE);
    expect(found(h, both, 'counter_unstaffed')).toEqual(['c1 warning 10/5', 'c2 warning 10/10']);
  });
});

describe('a rule set stored before overrides existed', () => {
  it('raises exactly what the same rules with empty overrides raise', () => {
    const h = hall();
    issue(h, 'A', 4);
    h.counter('c2').state = 'paused';
    h.counter('c2').pauseReason = 'lunch';
    h.setNow(T0 + 40 * MINUTE);
    const older: AlertRules = {
      waitOverTarget: { enabled: true, criticalPercent: 150 },
      queueLength: { enabled: true, warning: 2, critical: 10 },
      noCounterOpen: { enabled: true },
      counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
    };
    const all = alertConditions(h.state, 'b1', older, h.now);
    expect(all.map((a) => `${a.kind} ${a.level}`)).toEqual([
      'wait_over_target critical',
      'queue_length warning',
      'counter_paused critical',
    ]);
    const empty = { ...older, services: {}, counters: {}, pauseReasons: {} };
    expect(alertConditions(h.state, 'b1', empty, h.now)).toEqual(all);
  });
});

describe('what a rule set may name', () => {
  const known: AlertSubjects = {
    services: new Set(['A']),
    counters: new Set(['c1']),
    pauseReasons: new Set(['lunch']),
  };
  const ok: AlertRules = {
    ...OFF,
    services: { A: { queueLength: { enabled: true, warning: 1, critical: 1 } } },
    counters: { c1: { counterIdle: { enabled: true, warningMinutes: 2, criticalMinutes: 3 } } },
    pauseReasons: { lunch: { enabled: true, warningMinutes: 60, criticalMinutes: 75 } },
  };
  it('accepts overrides of its own subjects', () => {
    expect(alertRulesProblem(ok, known)).toBeNull();
  });
  it('names an unknown service, counter or reason code', () => {
    expect(alertRulesProblem({ ...ok, services: { Z: {} } }, known)).toBe(
      'services.Z is not a service of this branch',
    );
    expect(alertRulesProblem({ ...ok, counters: { c9: {} } }, known)).toBe(
      'counters.c9 is not a counter of this branch',
    );
    const coffee = { coffee: { enabled: true, warningMinutes: 5, criticalMinutes: 6 } };
    expect(alertRulesProblem({ ...ok, pauseReasons: coffee }, known)).toBe(
      "pauseReasons.coffee is not one of this branch's pause reason codes",
    );
  });
  it('names a critical threshold below its warning, in the branch rules or an override', () => {
    const low = { enabled: true, warningMinutes: 60, criticalMinutes: 30 };
    expect(alertRulesProblem({ ...ok, pauseReasons: { lunch: low } }, known)).toBe(
      'pauseReasons.lunch.criticalMinutes is below its warning',
    );
    expect(alertRulesProblem({ ...ok, counterPaused: low }, known)).toBe(
      'counterPaused.criticalMinutes is below its warning',
    );
    const wait = { enabled: true, warningPercent: 200, criticalPercent: 150 };
    expect(alertRulesProblem({ ...ok, services: { A: { waitOverTarget: wait } } }, known)).toBe(
      'services.A.waitOverTarget.criticalPercent is below its warning',
    );
    const queue = { enabled: true, warning: 5, critical: 2 };
    expect(alertRulesProblem({ ...ok, queueLength: queue }, known)).toBe(
      'queueLength.critical is below its warning',
    );
  });
});
