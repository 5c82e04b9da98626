import { Type } from 'typebox';
import {
  AnswerSatisfaction,
  AppraisalEntry,
  AppraisalRecord,
  AppraisalSheet,
  CaseFilters,
  CaseView,
  ComplaintCategory,
  ContactMethod,
  Day,
  LedgerRow,
  RatingsReport,
  ResolutionKind,
} from './case-views.js';
import * as V from './views.js';

export { PhoneRatingBody, RatingSubmitBody } from './case-views.js';

/**
 * Schemas of ../case-routes.ts: the 好差评 loop (ratings, cases, published rates, the ledger) and
 * the daily appraisal per clerk. Screens import the static types below with `import type`.
 */
const closed = { additionalProperties: false } as const;
const STAFF = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;
const BranchParams = Type.Object({ branchId: V.Id });
const IdParams = Type.Object({ id: V.Id });
const Key = Type.String({ minLength: 8, maxLength: 128 });
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Lang = Type.Enum(['zh-CN', 'en']);
const Format = Type.Enum(['json', 'csv', 'xlsx']);
const tag = (name: string): string[] => [name];

const CaseStepRefusals = [...STAFF, 'CASE_NOT_FOUND', 'CASE_STEP_OUT_OF_ORDER', 'CASE_CLOSED'] as const;
const step = (summary: string, body: ReturnType<typeof Type.Object>) => ({
  summary,
  tags: tag('cases'),
  params: IdParams,
  body,
  response: { 200: CaseView },
  errors: CaseStepRefusals,
});

export const CASE_ROUTE_SCHEMAS = {
  'pad:identity': {
    summary: "Whom the pad's citizen rates: the counter and its signed-in clerk (pad device token)",
    tags: tag('ratings'),
    response: { 200: V.PadIdentity },
    errors: [...STAFF, 'COUNTER_NOT_FOUND'],
  },
  'ticket:rating-comment': {
    summary: 'A supplementary comment (补充评价) on a rating, once, within the configured period',
    tags: tag('phone'),
    params: IdParams,
    body: Type.Object({ key: Key, text: Text(500) }, closed),
    response: { 200: V.Done },
    errors: ['TICKET_NOT_FOUND', 'RATING_NOT_FOUND', 'RATING_COMMENT_CLOSED', 'TOO_MANY_REQUESTS'],
  },
  'ticket:complaint': {
    summary: 'A complaint (意见) from the phone page about its own ticket; opens a case',
    tags: tag('phone'),
    params: IdParams,
    body: Type.Object(
      {
        key: Key,
        text: Text(1000),
        category: ComplaintCategory,
        /** Optional, for the callback; stored masked on screens, the number itself purged with other personal data. */
        contact: Type.Optional(
          Type.Object(
            {
              name: Type.Optional(Type.String({ maxLength: 40 })),
              phone: Type.Optional(Type.String({ pattern: '^[0-9 +-]{5,20}$' })),
            },
            closed,
          ),
        ),
      },
      closed,
    ),
    response: { 201: Type.Object({ ok: Type.Literal(true), reference: Type.String() }) },
    errors: ['TICKET_NOT_FOUND', 'COMPLAINT_LIMIT_REACHED', 'TOO_MANY_REQUESTS'],
  },
  'complaints:create': {
    summary: 'Staff enter a complaint received by phone call, letter, the 12345 hotline or in person',
    tags: tag('cases'),
    params: BranchParams,
    body: Type.Object(
      {
        channel: Type.Enum(['phone_call', 'letter', 'hotline', 'in_person']),
        category: ComplaintCategory,
        text: Text(2000),
        ticketId: Type.Optional(V.Id),
        serviceId: Type.Optional(V.Id),
        counterId: Type.Optional(V.Id),
        clerkId: Type.Optional(V.Id),
        contact: Type.Optional(
          Type.Object(
            {
              name: Type.Optional(Type.String({ maxLength: 40 })),
              phone: Type.Optional(Type.String({ pattern: '^[0-9 +-]{5,20}$' })),
            },
            closed,
          ),
        ),
        /** When it was received (default now); a letter may arrive days later. */
        receivedAt: Type.Optional(Type.Integer({ minimum: 0 })),
      },
      closed,
    ),
    response: { 201: CaseView },
    errors: [
      ...STAFF,
      'BRANCH_NOT_FOUND',
      'TICKET_NOT_FOUND',
      'SERVICE_NOT_FOUND',
      'COUNTER_NOT_FOUND',
      'USER_NOT_FOUND',
    ],
  },
  'cases:list': {
    summary: "A branch's cases with filters, deadlines and their history (supervisor, manager)",
    tags: tag('cases'),
    params: BranchParams,
    querystring: Type.Object(CaseFilters, closed),
    response: { 200: Type.Array(CaseView) },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'cases:ledger': {
    summary: 'The case ledger (台账), as JSON or a CSV / XLSX file',
    tags: tag('cases'),
    params: BranchParams,
    querystring: Type.Object(
      { ...CaseFilters, format: Type.Optional(Format), lang: Type.Optional(Lang) },
      closed,
    ),
    response: { 200: Type.Object({ rows: Type.Array(LedgerRow) }) },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'case:view': {
    summary: 'One case with its history (the view is audited)',
    tags: tag('cases'),
    params: IdParams,
    response: { 200: CaseView },
    errors: [...STAFF, 'CASE_NOT_FOUND'],
  },
  'case:contact': {
    summary: "The citizen's unmasked contact for the callback (managers; audited)",
    tags: tag('cases'),
    params: IdParams,
    response: { 200: Type.Object({ name: V.Nullable(Type.String()), phone: V.Nullable(Type.String()) }) },
    errors: [...STAFF, 'CASE_NOT_FOUND'],
  },
  'case:assign': step('Assign the case to a staff member', Type.Object({ assigneeId: V.Id }, closed)),
  'case:callback': step(
    'Record the callback (回访核实): how, when, and what the citizen said',
    Type.Object(
      { method: ContactMethod, citizenSaid: Text(2000), at: Type.Optional(Type.Integer({ minimum: 0 })) },
      closed,
    ),
  ),
  'case:resolve': step(
    'Record the resolution: fixed on the spot, rectification (with its due day), explanation, disputed and reviewed',
    Type.Object({ resolution: ResolutionKind, text: Text(2000), dueDay: Type.Optional(Day) }, closed),
  ),
  'case:feedback': step(
    'Record the feedback given to the citizen (反馈)',
    Type.Object({ method: ContactMethod, text: Text(2000) }, closed),
  ),
  'case:satisfaction': step(
    "Record the citizen's satisfaction with the answer",
    Type.Object({ satisfaction: AnswerSatisfaction }, closed),
  ),
  'case:close': {
    ...step('Close the case (办结); 422 CASE_FEEDBACK_REQUIRED without feedback', Type.Object({}, closed)),
    errors: [...CaseStepRefusals, 'CASE_FEEDBACK_REQUIRED'],
  },
  'case:reopen': step('Reopen a closed case, saying why', Type.Object({ reason: Text(500) }, closed)),
  'reports:ratings': {
    summary: '好评率, 差评, 未评率, 回复率, 回访整改率, 回访整改满意率 and overdue cases, by a grouping',
    tags: tag('reports'),
    params: BranchParams,
    querystring: Type.Object(
      {
        from: Day,
        to: Day,
        by: Type.Optional(Type.Enum(['counter', 'clerk', 'service', 'channel', 'day', 'month'])),
        format: Type.Optional(Format),
        lang: Type.Optional(Lang),
      },
      closed,
    ),
    response: { 200: RatingsReport },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'appraisal:branch': {
    summary: "Every clerk's record of a day (supervisor, manager)",
    tags: tag('appraisal'),
    params: BranchParams,
    querystring: Type.Object({ date: Day }, closed),
    response: { 200: Type.Object({ date: Type.String(), records: Type.Array(AppraisalRecord) }) },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'appraisal:user': {
    summary: "One clerk's daily records over a period (the clerk herself, or her supervisors)",
    tags: tag('appraisal'),
    params: IdParams,
    querystring: Type.Object({ from: Day, to: Day }, closed),
    response: { 200: Type.Object({ days: Type.Array(AppraisalRecord) }) },
    errors: [...STAFF, 'USER_NOT_FOUND'],
  },
  'appraisal:sheet': {
    summary: 'The data of the printable per-clerk sheet for a day or a month',
    tags: tag('appraisal'),
    params: IdParams,
    querystring: Type.Object({ date: Type.Optional(Day), month: Type.Optional(Month) }, closed),
    response: { 200: AppraisalSheet },
    errors: [...STAFF, 'USER_NOT_FOUND'],
  },
  'appraisal:entry-create': {
    summary: 'A supervisor adds an inspection entry (巡查: observation, evidence, points)',
    tags: tag('appraisal'),
    params: IdParams,
    body: Type.Object(
      {
        date: Day,
        observation: Text(1000),
        evidence: Type.Optional(Type.String({ maxLength: 1000 })),
        points: Type.Integer({ minimum: -100, maximum: 100 }),
      },
      closed,
    ),
    response: { 201: AppraisalEntry },
    errors: [...STAFF, 'USER_NOT_FOUND'],
  },
  'appraisal:entry-answer': {
    summary: 'The clerk answers an entry about her, or appeals it',
    tags: tag('appraisal'),
    params: IdParams,
    body: Type.Object({ text: Text(1000), appeal: Type.Boolean() }, closed),
    response: { 200: AppraisalEntry },
    errors: [...STAFF, 'APPRAISAL_ENTRY_NOT_FOUND', 'APPEAL_NOT_PENDING'],
  },
  'appraisal:entry-decide': {
    summary: 'A manager decides an appeal: upheld (points stand) or overturned (points void)',
    tags: tag('appraisal'),
    params: IdParams,
    body: Type.Object({ outcome: Type.Enum(['upheld', 'overturned']), text: Text(1000) }, closed),
    response: { 200: AppraisalEntry },
    errors: [...STAFF, 'APPRAISAL_ENTRY_NOT_FOUND', 'APPEAL_NOT_PENDING'],
  },
} as const;
