import { type Static, Type } from 'typebox';
import { CASE_CHANNELS, CASE_STATUSES } from '../../core/cases.js';
import * as V from './views.js';

/**
 * The 好差评 loop's wire shapes (ratings, cases, ledger rows, published rates, the daily
 * appraisal): TypeBox schemas whose static types the screens import with `import type`.
 */
const closed = { additionalProperties: false } as const;
const Level = Type.Integer({ minimum: 1, maximum: 5 });
const Key = Type.String({ minLength: 8, maxLength: 128 });
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const ByLevel = Type.Object({
  1: Type.Integer(),
  2: Type.Integer(),
  3: Type.Integer(),
  4: Type.Integer(),
  5: Type.Integer(),
});

/** Where a rating came from: the counter's pad, the phone page (扫码), a keypad, the kiosk. */
export const RatingChannel = Type.Enum(['pad', 'phone', 'keypad', 'kiosk']);
/** Where a case came from: a rating channel, or staff entering a phone call, a letter, the 12345 hotline, a visit. */
export const CaseChannel = Type.Enum(CASE_CHANNELS);
export const CaseKind = Type.Enum(['bad_rating', 'complaint']);
export const CaseStatus = Type.Enum(CASE_STATUSES);
export const ContactMethod = Type.Enum(['phone', 'sms', 'visit', 'letter', 'email', 'other']);
export const ResolutionKind = Type.Enum([
  'fixed_on_spot',
  'rectification',
  'explanation',
  'disputed_reviewed',
]);
export const AnswerSatisfaction = Type.Enum([
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'unreachable',
]);
export const DeadlineState = Type.Enum(['done', 'on_time', 'due_soon', 'overdue']);
export const ComplaintCategory = Type.Enum(['attitude', 'efficiency', 'rules', 'environment', 'other']);

/** 整体满意度, 服务效率, 服务水平, 服务态度: each 1–5, all optional. */
export const RatingDimensions = Type.Object(
  {
    overall: Type.Optional(Level),
    efficiency: Type.Optional(Level),
    quality: Type.Optional(Level),
    attitude: Type.Optional(Level),
  },
  closed,
);
/** The optional parts of a rating, the same on the pad and the phone page. */
const RatingDetail = {
  dimensions: Type.Optional(RatingDimensions),
  /** 差评 reasons (BAD_RATING_REASONS); `reason` is the single one older pads send. */
  reasons: Type.Optional(Type.Array(V.BadRatingReason, { maxItems: 5 })),
  reason: Type.Optional(V.BadRatingReason),
  /** The citizen's words, kept as given. */
  text: Type.Optional(Type.String({ maxLength: 500 })),
};
export const RatingSubmitBody = Type.Object(
  {
    ticketId: V.Id,
    score: Level,
    source: Type.Optional(Type.Enum(['pad', 'keypad', 'kiosk'])),
    ...RatingDetail,
  },
  closed,
);
export const PhoneRatingBody = Type.Object({ key: Key, score: Level, ...RatingDetail }, closed);

export const CaseStepView = Type.Object({
  at: Type.Number(),
  by: Type.String(),
  byName: V.Nullable(Type.String()),
  kind: Type.Enum(['callback', 'resolution', 'feedback', 'satisfaction', 'assigned', 'closed', 'reopened']),
  method: Type.Optional(ContactMethod),
  /** What the citizen said, what was done, or what was answered — as typed. */
  text: Type.Optional(Type.String()),
  resolution: Type.Optional(ResolutionKind),
  dueDay: Type.Optional(Type.String()),
  satisfaction: Type.Optional(AnswerSatisfaction),
  assigneeId: Type.Optional(Type.String()),
});

export const CaseView = Type.Object({
  id: Type.String(),
  branchId: Type.String(),
  kind: CaseKind,
  channel: CaseChannel,
  category: V.Nullable(Type.String()),
  status: CaseStatus,
  ticket: V.Nullable(Type.Object({ id: Type.String(), code: Type.String() })),
  serviceId: V.Nullable(Type.String()),
  counterId: V.Nullable(Type.String()),
  clerkId: V.Nullable(Type.String()),
  /** The bad rating behind the case (who rated is never stored). */
  rating: V.Nullable(
    Type.Object({
      level: Type.Integer(),
      reasons: Type.Array(Type.String()),
      text: V.Nullable(Type.String()),
      dimensions: RatingDimensions,
    }),
  ),
  /** Written by the system, in both languages. */
  summary: V.LocalizedText,
  /** The citizen's own words (complaint text), as given. */
  citizenText: V.Nullable(Type.String()),
  /** Masked (138****5678); `GET /cases/:id/contact` unmasks, audited, managers only. */
  contact: V.Nullable(Type.Object({ name: V.Nullable(Type.String()), phone: V.Nullable(Type.String()) })),
  assigneeId: V.Nullable(Type.String()),
  openedAt: Type.Number(),
  openedDay: Type.String(),
  deadlines: Type.Object({ callbackDay: Type.String(), resolutionDay: Type.String() }),
  deadlineState: Type.Object({ callback: DeadlineState, resolution: DeadlineState }),
  closedAt: V.Nullable(Type.Number()),
  steps: Type.Array(CaseStepView),
});

export const CaseFilters = {
  status: Type.Optional(CaseStatus),
  kind: Type.Optional(CaseKind),
  channel: Type.Optional(CaseChannel),
  /** true: only cases past a deadline. */
  overdue: Type.Optional(Type.Boolean()),
  /** due_soon | overdue: the deadline alerts. */
  deadline: Type.Optional(Type.Enum(['due_soon', 'overdue'])),
  counterId: Type.Optional(V.Id),
  clerkId: Type.Optional(V.Id),
  serviceId: Type.Optional(V.Id),
  /** Opened on or after / on or before these local days. */
  from: Type.Optional(Day),
  to: Type.Optional(Day),
};

/** One row of the 台账 (the same values in JSON, CSV and XLSX). */
export const LedgerRow = Type.Object({
  caseId: Type.String(),
  openedDay: Type.String(),
  kind: CaseKind,
  channel: CaseChannel,
  category: V.Nullable(Type.String()),
  ticketCode: V.Nullable(Type.String()),
  service: V.Nullable(Type.String()),
  counter: V.Nullable(Type.String()),
  clerk: V.Nullable(Type.String()),
  level: V.Nullable(Type.Integer()),
  reasons: Type.String(),
  citizenText: V.Nullable(Type.String()),
  contact: V.Nullable(Type.String()),
  status: CaseStatus,
  callbackDue: Type.String(),
  callbackAt: V.Nullable(Type.Number()),
  callbackMethod: V.Nullable(Type.String()),
  citizenSaid: V.Nullable(Type.String()),
  resolution: V.Nullable(ResolutionKind),
  resolutionText: V.Nullable(Type.String()),
  resolutionDue: Type.String(),
  feedbackAt: V.Nullable(Type.Number()),
  satisfaction: V.Nullable(AnswerSatisfaction),
  closedAt: V.Nullable(Type.Number()),
  overdue: Type.Boolean(),
});

export const Fraction = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  percent: V.Nullable(Type.Number()),
});
export const RatesRow = Type.Object({
  key: Type.String(),
  label: V.LocalizedText,
  served: Type.Integer(),
  rated: Type.Integer(),
  notRatedCount: Type.Integer(),
  byLevel: ByLevel,
  bad: Type.Integer(),
  /** 好评率 = good ÷ rated */
  good: Fraction,
  /** 未评率 = not rated ÷ served */
  notRated: Fraction,
  /** 回复率 = bad-rating cases with feedback ÷ 差评 */
  answered: Fraction,
  /** 回访整改率 = bad-rating cases called back and resolved ÷ 差评 */
  followedUp: Fraction,
  /** 回访整改满意率 = satisfied or basically satisfied ÷ called back */
  followUpSatisfied: Fraction,
  overdueCases: Type.Integer(),
});
export const RatingsReport = Type.Object({
  branchId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  by: Type.String(),
  goodLevels: Type.Array(Type.Integer()),
  rows: Type.Array(RatesRow),
  totals: RatesRow,
});

export const AppraisalEntry = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  date: Type.String(),
  kind: Type.Literal('inspection'),
  observation: Type.String(),
  evidence: V.Nullable(Type.String()),
  /** Points added (positive) or deducted (negative); a decided appeal may change them. */
  points: Type.Integer(),
  authorId: Type.String(),
  authorName: V.Nullable(Type.String()),
  at: Type.Number(),
  answer: V.Nullable(Type.Object({ text: Type.String(), at: Type.Number(), appeal: Type.Boolean() })),
  appeal: V.Nullable(
    Type.Object({
      status: Type.Enum(['pending', 'upheld', 'overturned']),
      decision: V.Nullable(Type.String()),
      decidedBy: V.Nullable(Type.String()),
      decidedAt: V.Nullable(Type.Number()),
    }),
  ),
});

/** One clerk's day (逐日按人考评), computed from the event log and the ratings. */
export const AppraisalRecord = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  staffNumber: V.Nullable(Type.String()),
  date: Type.String(),
  /** The branch's published hours that day ("08:30–17:00"), null when closed. */
  published: V.Nullable(Type.Object({ open: Type.String(), close: Type.String() })),
  firstSignInAt: V.Nullable(Type.Number()),
  lastSignOutAt: V.Nullable(Type.Number()),
  /**
   * Minutes signed in after opening / signed out before closing; 0 when the day has no such
   * time (a hall open round the clock publishes no start at 00:00 nor end at 24:00).
   */
  lateMinutes: Type.Integer(),
  earlyLeaveMinutes: Type.Integer(),
  sessionSeconds: Type.Integer(),
  pausedSeconds: Type.Integer(),
  pausesByReason: Type.Record(Type.String(), Type.Integer()),
  /** Pauses longer than 30 minutes. */
  longAbsences: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  transfers: Type.Integer(),
  handleMeanSeconds: V.Nullable(Type.Number()),
  handleP90Seconds: V.Nullable(Type.Number()),
  /** Σ own handle ÷ Σ the service medians of the same tickets: 1.0 = as fast as the hall. */
  handleVsServiceMedian: V.Nullable(Type.Number()),
  idleWhileWaitingSeconds: Type.Integer(),
  ratings: Type.Object({
    byLevel: ByLevel,
    notRated: Type.Integer(),
    bad: Type.Integer(),
    good: Fraction,
    notRatedRate: Fraction,
  }),
  cases: Type.Object({ opened: Type.Integer(), overdue: Type.Integer() }),
  entries: Type.Array(AppraisalEntry),
  /** Σ points of the day's entries (an overturned appeal counts 0). */
  points: Type.Integer(),
  /** When the nightly record was produced and stored; null: computed now (today, or never stored). */
  producedAt: Type.Optional(V.Nullable(Type.Number())),
  /** When a later entry, answer or decision last changed the stored record's entries. */
  revisedAt: Type.Optional(V.Nullable(Type.Number())),
});
export const AppraisalSheet = Type.Object({
  user: Type.Object({ id: Type.String(), name: Type.String(), staffNumber: V.Nullable(Type.String()) }),
  branch: Type.Object({ id: Type.String(), name: V.LocalizedText }),
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(AppraisalRecord),
  totals: Type.Object({
    served: Type.Integer(),
    noShows: Type.Integer(),
    transfers: Type.Integer(),
    sessionSeconds: Type.Integer(),
    pausedSeconds: Type.Integer(),
    ratings: Type.Integer(),
    bad: Type.Integer(),
    notRated: Type.Integer(),
    good: Fraction,
    casesOpened: Type.Integer(),
    casesOverdue: Type.Integer(),
    points: Type.Integer(),
  }),
  generatedAt: Type.Number(),
});

export type RatingChannel = Static<typeof RatingChannel>;
export type CaseChannel = Static<typeof CaseChannel>;
export type CaseView = Static<typeof CaseView>;
export type CaseStepView = Static<typeof CaseStepView>;
export type LedgerRow = Static<typeof LedgerRow>;
export type RatesRow = Static<typeof RatesRow>;
export type RatingsReport = Static<typeof RatingsReport>;
export type AppraisalEntry = Static<typeof AppraisalEntry>;
export type AppraisalRecord = Static<typeof AppraisalRecord>;
export type AppraisalSheet = Static<typeof AppraisalSheet>;
