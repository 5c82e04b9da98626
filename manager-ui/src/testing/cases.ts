import type { AppraisalRecord, CaseView, RatesRow } from '../screens/cases/lib';
import { T0 } from './fixtures';

/** A bad rating's case as the server answers it, open, with nothing done yet. */
export function caseView(over: Partial<CaseView> = {}): CaseView {
  return {
    id: 'case-1',
    branchId: 'demo-hall',
    kind: 'bad_rating',
    channel: 'pad',
    category: null,
    status: 'open',
    ticket: { id: 't-A004', code: 'A004' },
    serviceId: 'svc-a',
    counterId: 'ctr-1',
    clerkId: 'user-clerk1',
    rating: { level: 1, reasons: ['attitude'], text: null, dimensions: { attitude: 1 } },
    summary: { 'zh-CN': 'A004：评价 1 分（服务态度不好）', en: 'A004: rated 1/5 (unfriendly service)' },
    citizenText: null,
    contact: null,
    assigneeId: null,
    openedAt: T0,
    openedDay: '2026-11-27',
    deadlines: { callbackDay: '2026-11-30', resolutionDay: '2026-12-18' },
    deadlineState: { callback: 'due_soon', resolution: 'on_time' },
    closedAt: null,
    steps: [],
    ...over,
  };
}

export const fraction = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  percent: denominator === 0 ? null : (numerator / denominator) * 100,
});

export function ratesRow(key: string, label: string, over: Partial<RatesRow> = {}): RatesRow {
  return {
    key,
    label: { 'zh-CN': label, en: label },
    served: 16,
    rated: 15,
    notRatedCount: 1,
    byLevel: { 1: 1, 2: 0, 3: 2, 4: 4, 5: 8 },
    bad: 1,
    good: fraction(14, 15),
    notRated: fraction(1, 16),
    answered: fraction(1, 1),
    followedUp: fraction(1, 1),
    followUpSatisfied: fraction(0, 1),
    overdueCases: 0,
    ...over,
  };
}

export function appraisalRecord(over: Partial<AppraisalRecord> = {}): AppraisalRecord {
  return {
    userId: 'user-clerk1',
    name: '王芳',
    staffNumber: '1001',
    date: '2026-11-27',
    published: { open: '08:30', close: '17:00' },
    firstSignInAt: T0,
    lastSignOutAt: T0 + 8 * 3_600_000,
    lateMinutes: 0,
    earlyLeaveMinutes: 0,
    sessionSeconds: 8 * 3600,
    pausedSeconds: 1800,
    pausesByReason: { break: 1800 },
    longAbsences: 0,
    served: 42,
    noShows: 3,
    transfers: 1,
    handleMeanSeconds: 420,
    handleP90Seconds: 780,
    handleVsServiceMedian: 1.08,
    idleWhileWaitingSeconds: 240,
    ratings: {
      byLevel: { 1: 1, 2: 0, 3: 2, 4: 10, 5: 25 },
      notRated: 4,
      bad: 1,
      good: fraction(37, 38),
      notRatedRate: fraction(4, 42),
    },
    cases: { opened: 1, overdue: 0 },
    entries: [],
    points: 0,
    ...over,
  };
}
