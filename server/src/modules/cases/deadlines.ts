import type { CaseRow } from '@guichet/db';
import { chineseStatutoryCalendar } from '../../calendar/chinese.js';
import { type WorkingCalendar, withOverrides } from '../../core/calendar.js';
import { type CaseRules, caseDeadlines } from '../../core/cases.js';
import { businessDay } from '../../core/time.js';
import type { Branch } from '../../core/types.js';
import { BAD_RATING_REASONS, type BadRatingReason } from '../../protocol/index.js';
import { dayStart } from '../reports/period.js';

/**
 * The branch's working-day calendar for case deadlines: the Chinese statutory holidays and
 * 调休 working days, with the branch's own closed dates on top (a local holiday). Opening a
 * weekend for citizens does not make it an office working day, so only closures count.
 */
export function branchCalendar(branch: Pick<Branch, 'exceptions'>): WorkingCalendar {
  const base = chineseStatutoryCalendar();
  const closed = branch.exceptions
    .filter((e) => e.intervals.length === 0 && !base.holidays.has(e.date))
    .map((e) => ({ date: e.date, kind: 'holiday' as const, name: e.note ?? '' }));
  return closed.length ? withOverrides(base, closed) : base;
}

/** The local day a case opens and its callback and resolution due days; `dueAt` ends the latter. */
export function caseDates(branch: Pick<Branch, 'exceptions' | 'timezone'>, at: number, rules: CaseRules) {
  const openedDay = businessDay(at, branch.timezone);
  const d = caseDeadlines(branchCalendar(branch), openedDay, rules);
  const next = new Date(Date.parse(`${d.resolutionDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    openedDay,
    callbackDay: d.callbackDay,
    resolutionDay: d.resolutionDay,
    dueAt: dayStart(next, branch.timezone),
  };
}

const LEVEL_NAMES: Record<number, { 'zh-CN': string; en: string }> = {
  1: { 'zh-CN': '非常不满意', en: 'very dissatisfied' },
  2: { 'zh-CN': '不满意', en: 'dissatisfied' },
  3: { 'zh-CN': '基本满意', en: 'fairly satisfied' },
  4: { 'zh-CN': '满意', en: 'satisfied' },
  5: { 'zh-CN': '非常满意', en: 'very satisfied' },
};

const CATEGORY_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  attitude: { 'zh-CN': '服务态度', en: 'attitude' },
  efficiency: { 'zh-CN': '办事效率', en: 'efficiency' },
  rules: { 'zh-CN': '政策规定', en: 'rules' },
  environment: { 'zh-CN': '大厅环境', en: 'environment' },
  other: { 'zh-CN': '其他', en: 'other' },
};

const CHANNEL_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  phone: { 'zh-CN': '扫码意见', en: 'Phone page complaint' },
  phone_call: { 'zh-CN': '来电投诉', en: 'Phone call complaint' },
  letter: { 'zh-CN': '来信投诉', en: 'Letter complaint' },
  hotline: { 'zh-CN': '12345 热线投诉', en: '12345 hotline complaint' },
  in_person: { 'zh-CN': '现场投诉', en: 'In-person complaint' },
};

/** The system's line for a bad rating's case, in both languages (the citizen's words stay apart). */
export function badRatingSummary(code: string, level: number, reasons: readonly string[]) {
  const names = reasons.map((r) => BAD_RATING_REASONS[r as BadRatingReason] ?? { 'zh-CN': r, en: r });
  const zhReasons = names.map((n) => n['zh-CN']).join('、');
  const enReasons = names.map((n) => n.en).join(', ');
  return {
    'zh-CN': `${code}：评价 ${level} 星（${LEVEL_NAMES[level]?.['zh-CN'] ?? ''}）${zhReasons ? `— ${zhReasons}` : ''}`,
    en: `${code}: rated ${level}/5 (${LEVEL_NAMES[level]?.en ?? ''})${enReasons ? ` — ${enReasons}` : ''}`,
  };
}

export function complaintSummary(code: string | null, channel: string, category: string) {
  const c = CHANNEL_NAMES[channel] ?? { 'zh-CN': '投诉', en: 'Complaint' };
  const k = CATEGORY_NAMES[category] ?? CATEGORY_NAMES.other!;
  return {
    'zh-CN': `${code ? `${code}：` : ''}${c['zh-CN']}（${k['zh-CN']}）`,
    en: `${code ? `${code}: ` : ''}${c.en} (${k.en})`,
  };
}

/** What only the one who opens a case knows: where it came from, whom and what it is about. */
export type CaseOrigin = Omit<
  CaseRow,
  | 'status'
  | 'summary'
  | 'summaryZh'
  | 'assigneeId'
  | 'answer'
  | 'openedAt'
  | 'dueAt'
  | 'closedAt'
  | 'openedDay'
  | 'callbackDay'
  | 'resolutionDay'
>;

/**
 * A case as it opens (a complaint entered by staff or the citizen, or a bad rating's follow-up):
 * open, unassigned, unanswered, its summary in both languages and its deadlines from `dates`.
 */
export function openCaseRow(
  origin: CaseOrigin,
  summary: { 'zh-CN': string; en: string },
  at: number,
  dates: ReturnType<typeof caseDates>,
): CaseRow {
  return {
    ...origin,
    status: 'open',
    summary: summary.en,
    summaryZh: summary['zh-CN'],
    assigneeId: null,
    answer: null,
    openedAt: at,
    dueAt: dates.dueAt,
    closedAt: null,
    openedDay: dates.openedDay,
    callbackDay: dates.callbackDay,
    resolutionDay: dates.resolutionDay,
  };
}

/** 13812345678 → 138****5678; shorter numbers keep their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}
