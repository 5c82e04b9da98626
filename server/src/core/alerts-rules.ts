/**
 * The shape of a branch's alert rules and how an override is found for one service, counter or
 * pause reason. Pure: the rules in, the rule in force for that subject out. An override is a
 * whole rule (its own `enabled` and thresholds) that replaces the branch's for its subject only;
 * every override field is optional, so a rule set stored before overrides existed means the same.
 */
export interface WaitRule {
  enabled: boolean;
  /** Warning past this % of the service's target wait (absent: 100, the target itself). */
  warningPercent?: number;
  criticalPercent: number;
}
export interface CountRule {
  enabled: boolean;
  warning: number;
  critical: number;
}
export interface MinutesRule {
  enabled: boolean;
  warningMinutes: number;
  criticalMinutes: number;
}
export interface GraceRule {
  enabled: boolean;
  graceMinutes: number;
}

/** A service's own rules, by service id. */
export interface ServiceAlertRules {
  waitOverTarget?: WaitRule;
  queueLength?: CountRule;
  noCounterOpen?: { enabled: boolean };
}
/** A counter's own rules, by counter id. */
export interface CounterAlertRules {
  counterIdle?: MinutesRule;
  counterUnstaffed?: GraceRule;
}

export interface AlertRules {
  /** Longest wait over `warningPercent` % of the service's target (warning), over `criticalPercent` % (critical). */
  waitOverTarget: WaitRule;
  /** More than `warning` / `critical` tickets waiting in a service. */
  queueLength: CountRule;
  /** Tickets wait in a service that no open counter serves (critical). */
  noCounterOpen: { enabled: boolean };
  /** A counter paused longer than these minutes (a reason with its own allowance: that one). */
  counterPaused: MinutesRule;
  /**
   * A counter closed for more than `graceMinutes` inside its published hours (its own, else the
   * branch's: core/hours.ts), warning. Optional and off unless set: without counters' own hours
   * every closed counter of the hall would count as unstaffed.
   */
  counterUnstaffed?: GraceRule;
  /**
   * A counter open and idle (no ticket called) for more than these minutes while tickets it may
   * call are waiting: people wait in front of an open window. Optional (older rule sets lack it).
   */
  counterIdle?: MinutesRule;
  /** Per-service overrides, by service id. */
  services?: Record<string, ServiceAlertRules>;
  /** Per-counter overrides, by counter id. */
  counters?: Record<string, CounterAlertRules>;
  /** How long a pause may last, by the branch's pause reason code (a lunch 60 min, documents 10). */
  pauseReasons?: Record<string, MinutesRule>;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  waitOverTarget: { enabled: true, criticalPercent: 150 },
  queueLength: { enabled: true, warning: 15, critical: 30 },
  noCounterOpen: { enabled: true },
  counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
  counterUnstaffed: { enabled: false, graceMinutes: 10 },
  counterIdle: { enabled: true, warningMinutes: 5, criticalMinutes: 15 },
};

/** The service rules in force for one service: its override where it has one, else the branch's. */
export function rulesForService(rules: AlertRules, serviceId: string): Required<ServiceAlertRules> {
  const own = rules.services?.[serviceId];
  return {
    waitOverTarget: own?.waitOverTarget ?? rules.waitOverTarget,
    queueLength: own?.queueLength ?? rules.queueLength,
    noCounterOpen: own?.noCounterOpen ?? rules.noCounterOpen,
  };
}

/** The counter rules in force for one counter (undefined: the rule is off for it). */
export function rulesForCounter(rules: AlertRules, counterId: string): CounterAlertRules {
  const own = rules.counters?.[counterId];
  return {
    counterIdle: own?.counterIdle ?? rules.counterIdle,
    counterUnstaffed: own?.counterUnstaffed ?? rules.counterUnstaffed,
  };
}

/** A pause is judged against its own reason's allowance, else the branch's. */
export function rulesForPause(rules: AlertRules, reason: string | null): MinutesRule {
  return (reason !== null && rules.pauseReasons?.[reason.trim()]) || rules.counterPaused;
}

/** The ids an override may name: the branch's services, counters and pause reason codes. */
export interface AlertSubjects {
  services: ReadonlySet<string>;
  counters: ReadonlySet<string>;
  pauseReasons: ReadonlySet<string>;
}

/**
 * What is wrong with a rule set beyond its shape, in words naming the place (`services.svc-a`
 * is not a service of this branch; `pauseReasons.lunch.criticalMinutes` below its warning), or
 * null. Checked before a rule set is stored.
 */
export function alertRulesProblem(rules: AlertRules, known: AlertSubjects): string | null {
  const unknown: [string, Record<string, unknown> | undefined, ReadonlySet<string>, string][] = [
    ['services', rules.services, known.services, 'a service of this branch'],
    ['counters', rules.counters, known.counters, 'a counter of this branch'],
    ['pauseReasons', rules.pauseReasons, known.pauseReasons, "one of this branch's pause reason codes"],
  ];
  for (const [field, map, ids, what] of unknown)
    for (const id of Object.keys(map ?? {})) if (!ids.has(id)) return `${field}.${id} is not ${what}`;
  const pairs: [string, number | undefined, number | undefined][] = [];
  const wait = (at: string, r?: WaitRule) =>
    r && pairs.push([`${at}waitOverTarget.criticalPercent`, r.warningPercent ?? 100, r.criticalPercent]);
  const count = (at: string, r?: CountRule) =>
    r && pairs.push([`${at}queueLength.critical`, r.warning, r.critical]);
  const minutes = (at: string, r?: MinutesRule) =>
    r && pairs.push([`${at}criticalMinutes`, r.warningMinutes, r.criticalMinutes]);
  wait('', rules.waitOverTarget);
  count('', rules.queueLength);
  minutes('counterPaused.', rules.counterPaused);
  minutes('counterIdle.', rules.counterIdle);
  for (const [id, s] of Object.entries(rules.services ?? {})) {
    wait(`services.${id}.`, s.waitOverTarget);
    count(`services.${id}.`, s.queueLength);
  }
  for (const [id, c] of Object.entries(rules.counters ?? {}))
    minutes(`counters.${id}.counterIdle.`, c.counterIdle);
  for (const [code, r] of Object.entries(rules.pauseReasons ?? {})) minutes(`pauseReasons.${code}.`, r);
  const below = pairs.find(([, warning, critical]) => (critical ?? 0) < (warning ?? 0));
  return below ? `${below[0]} is below its warning` : null;
}
