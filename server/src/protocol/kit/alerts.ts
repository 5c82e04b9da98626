import type { Locale } from '../../core/types.js';
import type { AlertView } from '../monitor.js';

/**
 * What an alert says, in both languages, and the held list of alerts a screen shows: shared by
 * the manager area's live monitor and the supervisors' console, so both word an alert alike.
 * `value` / `threshold` per kind are as API.md says (seconds for waits, minutes for pauses).
 */
const WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    warning: '警告',
    critical: '严重',
    wait_over_target: '等候超时：最长等候 {value} 分钟（目标 {threshold} 分钟）',
    queue_length: '排队过长：{value} 人等候（上限 {threshold} 人）',
    no_counter_open: '无窗口开放：{value} 人在等候',
    counter_paused: '窗口暂停过久：已暂停 {value} 分钟（上限 {threshold} 分钟）',
    counter_idle: '窗口空闲但有人等候：已空闲 {value} 分钟（上限 {threshold} 分钟）',
    counter_unstaffed: '办公时间内窗口无人：已 {value} 分钟（宽限 {threshold} 分钟）',
    bad_rating: '新差评，待回访',
    case_due_soon: '差评/投诉即将到期',
    case_overdue: '差评/投诉已超期',
    other: '告警 {kind}',
  },
  en: {
    warning: 'Warning',
    critical: 'Critical',
    wait_over_target: 'Long wait: {value} min (target {threshold} min)',
    queue_length: 'Long queue: {value} waiting (limit {threshold})',
    no_counter_open: 'No counter open: {value} waiting',
    counter_paused: 'Long pause: {value} min (limit {threshold} min)',
    counter_idle: 'Counter idle while people wait: {value} min (limit {threshold} min)',
    counter_unstaffed: 'Counter unstaffed in its hours: {value} min (grace {threshold} min)',
    bad_rating: 'New bad rating, to be called back',
    case_due_soon: 'A rating case is due soon',
    case_overdue: 'A rating case is overdue',
    other: 'Alert {kind}',
  },
};

/** The level in words: shown with a sign, never by colour alone. */
export function alertLevelText(a: Pick<AlertView, 'level'>, locale: Locale): string {
  return `${a.level === 'critical' ? '▲▲' : '▲'} ${WORDS[locale][a.level]}`;
}

/** What happened, with its figures: waits in whole minutes (rounded up: over is over). */
export function alertText(a: AlertView, locale: Locale): string {
  const words = WORDS[locale];
  const seconds = a.kind === 'wait_over_target';
  const fill = (n: number) => String(seconds ? Math.ceil(n / 60) : Math.round(n));
  return (words[a.kind] ?? words.other!)
    .replace('{value}', fill(a.value))
    .replace('{threshold}', fill(a.threshold))
    .replace('{kind}', a.kind);
}

/** Critical first, then the oldest: what needs a person most comes first. */
export function byUrgency(a: AlertView, b: AlertView): number {
  return (a.level === b.level ? 0 : a.level === 'critical' ? -1 : 1) || a.raisedAt - b.raisedAt;
}

/**
 * The held alerts with one raised or changed: replaced by id, added when new. A pushed change
 * older than the one held (an event overtaken by a snapshot) is ignored.
 */
export function mergeAlert(held: readonly AlertView[], a: AlertView): AlertView[] {
  const i = held.findIndex((h) => h.id === a.id);
  if (i < 0) return [...held, a];
  const before = held[i]!;
  if (before.updatedAt > a.updatedAt || (before.acknowledgedAt !== null && a.acknowledgedAt === null))
    return held.slice();
  return held.map((h, j) => (j === i ? a : h));
}
