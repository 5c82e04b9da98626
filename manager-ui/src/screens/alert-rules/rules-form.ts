import type { AlertRules } from '@guichet/server/protocol';
import type { FieldErrors } from '../../components/form/Field';
import { wholeNumber } from '../../components/form/Field';
import { ar } from '../../strings/alert-rules';

/**
 * The alert rules as the screen edits them (every number a text while typed) and back into the
 * `AlertRules` the server stores, with every check the server makes done first. Each rule is
 * described once here — its warning and critical fields, their bounds and unit — and the branch
 * defaults and every override row are edited through the same description.
 */
export type RuleKey =
  | 'waitOverTarget'
  | 'queueLength'
  | 'noCounterOpen'
  | 'counterPaused'
  | 'counterIdle'
  | 'counterUnstaffed';
export type Level = 'warning' | 'critical';
export type Unit = 'percent' | 'tickets' | 'minutes';
interface Bound {
  key: string;
  min: number;
  max: number;
  unit: Unit;
  /** The value when the stored rule leaves it out (waitOverTarget's warningPercent: the target). */
  absent?: number;
}
const minutes = (key: string, min = 1, max = 24 * 60): Bound => ({ key, min, max, unit: 'minutes' });
const tickets = (key: string): Bound => ({ key, min: 0, max: 10_000, unit: 'tickets' });

/** The API's bounds (server/API.md, AlertRules). */
export const RULES: Record<RuleKey, Partial<Record<Level, Bound>>> = {
  waitOverTarget: {
    warning: { key: 'warningPercent', min: 50, max: 1000, unit: 'percent', absent: 100 },
    critical: { key: 'criticalPercent', min: 100, max: 1000, unit: 'percent' },
  },
  queueLength: { warning: tickets('warning'), critical: tickets('critical') },
  noCounterOpen: {},
  counterPaused: { warning: minutes('warningMinutes'), critical: minutes('criticalMinutes') },
  counterIdle: { warning: minutes('warningMinutes'), critical: minutes('criticalMinutes') },
  counterUnstaffed: { warning: minutes('graceMinutes', 0, 240) },
};
export const DEFAULT_ORDER: RuleKey[] = [
  'queueLength',
  'waitOverTarget',
  'noCounterOpen',
  'counterPaused',
  'counterIdle',
  'counterUnstaffed',
];
export const SERVICE_RULES: RuleKey[] = ['queueLength', 'waitOverTarget', 'noCounterOpen'];
export const COUNTER_RULES: RuleKey[] = ['counterIdle', 'counterUnstaffed'];
/** The optional branch rules, off when a stored rule set lacks them (the server's meaning). */
const WHEN_ABSENT: Partial<Record<RuleKey, Record<string, number | boolean>>> = {
  counterIdle: { enabled: false, warningMinutes: 5, criticalMinutes: 15 },
  counterUnstaffed: { enabled: false, graceMinutes: 10 },
};

export interface RuleForm {
  enabled: boolean;
  warning: string;
  critical: string;
}
export interface OverrideForm extends RuleForm {
  subject: string;
  rule: RuleKey;
}
export interface RulesForm {
  defaults: Record<RuleKey, RuleForm>;
  services: OverrideForm[];
  counters: OverrideForm[];
  pauseReasons: OverrideForm[];
}

type Stored = Record<string, number | boolean | undefined>;
export function ruleForm(rule: RuleKey, value: Stored | undefined): RuleForm {
  const v = value ?? WHEN_ABSENT[rule] ?? {};
  const text = (b?: Bound) => (b ? String(v[b.key] ?? b.absent ?? '') : '');
  return {
    enabled: v.enabled === true,
    warning: text(RULES[rule].warning),
    critical: text(RULES[rule].critical),
  };
}

export function rulesForm(rules: AlertRules): RulesForm {
  const stored = rules as unknown as Record<RuleKey, Stored | undefined>;
  const defaults = Object.fromEntries(
    DEFAULT_ORDER.map((k) => [k, ruleForm(k, stored[k])]),
  ) as RulesForm['defaults'];
  const rows = (map: Record<string, Record<string, Stored | undefined>> | undefined) =>
    Object.entries(map ?? {}).flatMap(([subject, own]) =>
      Object.entries(own).map(([rule, v]) => ({
        subject,
        rule: rule as RuleKey,
        ...ruleForm(rule as RuleKey, v),
      })),
    );
  return {
    defaults,
    services: rows(rules.services as never),
    counters: rows(rules.counters as never),
    pauseReasons: Object.entries(rules.pauseReasons ?? {}).map(([subject, v]) => ({
      subject,
      rule: 'counterPaused' as const,
      ...ruleForm('counterPaused', v as unknown as Stored),
    })),
  };
}

/** One rule's stored shape from its form; errors go under `${path}.warning` / `${path}.critical`. */
function ruleValue(rule: RuleKey, form: RuleForm, path: string, errors: FieldErrors): Stored {
  const out: Stored = { enabled: form.enabled };
  const n: Partial<Record<Level, number>> = {};
  for (const level of ['warning', 'critical'] as const) {
    const b = RULES[rule][level];
    if (!b) continue;
    const v = wholeNumber(form[level], b.min, b.max);
    if (v === undefined || v === null)
      errors[`${path}.${level}`] = ar('outOfRange', { min: b.min, max: b.max });
    else {
      n[level] = v;
      if (v !== b.absent) out[b.key] = v;
    }
  }
  if (n.warning !== undefined && n.critical !== undefined && n.critical < n.warning)
    errors[`${path}.critical`] = ar('criticalBelow');
  return out;
}

/** The rules to PUT, or the errors by field (nothing is sent while there is one). */
export function rulesBody(form: RulesForm): { body: AlertRules; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const body: Record<string, unknown> = {};
  for (const k of DEFAULT_ORDER) body[k] = ruleValue(k, form.defaults[k], `defaults.${k}`, errors);
  for (const kind of ['services', 'counters', 'pauseReasons'] as const) {
    const map: Record<string, Record<string, Stored> | Stored> = {};
    for (const [i, row] of form[kind].entries()) {
      const path = `${kind}.${i}`;
      const value = ruleValue(row.rule, row, path, errors);
      if (!row.subject) {
        errors[`${path}.subject`] = ar('required');
      } else if (kind === 'pauseReasons') {
        if (map[row.subject]) errors[`${path}.subject`] = ar('twice');
        map[row.subject] = value;
      } else {
        const own = (map[row.subject] ?? {}) as Record<string, Stored>;
        if (own[row.rule]) errors[`${path}.rule`] = ar('twice');
        map[row.subject] = { ...own, [row.rule]: value };
      }
    }
    if (form[kind].length) body[kind] = map;
  }
  return { body: body as unknown as AlertRules, errors };
}
