import type { AppraisalEntryRow, CaseRow, CaseStepRow } from '@guichet/db';
import type { EventBase } from '../../kernel/events.js';

/** A complaint opened a case (a bad rating's case travels with `rating.recorded`). */
export interface CaseOpened extends EventBase {
  type: 'case.opened';
  case: CaseRow;
}
/** One step of the workflow (core/cases.ts): the step row, and where the case stands after it. */
export interface CaseStepped extends EventBase {
  type: 'case.stepped';
  step: Omit<CaseStepRow, 'id'>;
  status: string;
  assigneeId: string | null;
  closedAt: number | null;
}
/** Someone read cases or personal data: a case, a list, the ledger, an export, a contact, a clerk's record. */
export interface PersonalDataViewed extends EventBase {
  type: 'case.viewed';
  what: 'case' | 'list' | 'ledger' | 'export' | 'contact' | 'appraisal';
  /** The cases or the user read. */
  subjects: string[];
  detail: string | null;
}
export interface AppraisalEntryAdded extends EventBase {
  type: 'appraisal.entry-added';
  entry: AppraisalEntryRow;
}
export interface AppraisalEntryChanged extends EventBase {
  type: 'appraisal.entry-answered' | 'appraisal.entry-decided';
  entryId: string;
  set: Partial<AppraisalEntryRow>;
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'case.opened': CaseOpened;
    'case.stepped': CaseStepped;
    'case.viewed': PersonalDataViewed;
    'appraisal.entry-added': AppraisalEntryAdded;
    'appraisal.entry-answered': AppraisalEntryChanged;
    'appraisal.entry-decided': AppraisalEntryChanged;
  }
}
