import type { ErrorCode } from '../core/errors.js';
import type { CallRule, CounterView, TicketView } from './views.js';

/** REST shapes the UIs use; ./schemas/views.ts states the same shapes for validation and OpenAPI. */

export type Role = 'admin' | 'manager' | 'supervisor' | 'clerk';
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  staffNumber: string | null;
  branchId: string | null;
}
export interface LoginResponse {
  token: string;
  user: UserView;
}
export interface CounterCommandResponse {
  counter: CounterView;
  ticket: TicketView | null;
}

/** One event of a ticket's history, as the front desk shows it. */
export interface TicketEventView {
  at: number;
  type: string;
  actorKind: string;
  /** The staff member's display name when a person acted, else the device or system id. */
  actor: string;
  counterId: string | null;
  reason: string | null;
}
/** A ticket found at the front desk, with every event of its day. */
export interface TicketHistory {
  ticket: TicketView;
  events: TicketEventView[];
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** `POST /api/v1/auth/password` (the signed-in owner) and `POST /api/v1/users/:id/password` (an admin). */
export interface ChangePasswordRequest {
  current: string;
  next: string;
}
export interface ResetPasswordRequest {
  next: string;
}
/** A new password refused by the policy (422 PASSWORD_REJECTED): which rule, in both languages. */
export interface PasswordRejectedBody {
  error: {
    code: 'PASSWORD_REJECTED';
    message: string;
    problem: 'too_short' | 'too_long' | 'common' | 'personal' | 'pattern';
    reasons: { 'zh-CN': string; en: string };
  };
}

export type DeviceKind = 'kiosk' | 'display' | 'pad' | 'led';

/** `GET /api/v1/me`: who the token belongs to. `config` is the device's own configuration. */
export type MeResponse =
  | { kind: 'user'; user: UserView; counterId: string | null }
  | {
      kind: 'device';
      device: {
        id: string;
        kind: DeviceKind;
        name: string;
        branchId: string;
        counterId: string | null;
        config: unknown;
      };
    };

/** `POST /api/v1/me/status` from a display board: can it speak? Listed in /api/v1/health. */
export interface DisplayStatusReport {
  voice: 'ok' | 'unavailable' | 'off';
  reason: string | null;
  /** Per locale, what speaks it (`clips`, `browser`) or null. */
  engines?: Record<string, 'clips' | 'browser' | null>;
}

/** `GET /api/v1/counters/:id/order`: the order call-next would take, with the rule for each. */
export interface CallOrderEntry {
  ticketId: string;
  code: string;
  rule: CallRule;
  detail: string;
}

/** `GET /api/v1/counters/:id/today`: the signed-in clerk's day. */
export interface ClerkDay {
  served: number;
  averageServiceSeconds: number | null;
  noShows: number;
  ratings: { count: number; average: number | null; bad: number };
}

/** Reasons a citizen may give with one of the two lowest ratings; the same list on the pad and the phone. */
export const BAD_RATING_REASONS = {
  long_wait: { 'zh-CN': '等候时间太长', en: 'Waited too long' },
  attitude: { 'zh-CN': '服务态度不好', en: 'Unfriendly service' },
  not_solved: { 'zh-CN': '问题没有解决', en: 'Problem not solved' },
  unclear: { 'zh-CN': '告知不清楚', en: 'Unclear information' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const;
export type BadRatingReason = keyof typeof BAD_RATING_REASONS;

/**
 * Why issuing a ticket may be refused, besides the auth codes and an unknown branch or service:
 * the `tickets:issue` route's list, and what a kiosk must have words for.
 */
export const ISSUE_REFUSALS = [
  'SERVICE_SUSPENDED',
  'OUTSIDE_OPENING_HOURS',
  'AFTER_ISSUE_CUTOFF',
  'SERVICE_CLOSED',
  'DAILY_CAP_REACHED',
  'PERSON_LIMIT_REACHED',
  'PERSON_ID_REQUIRED',
  'PRIORITY_NOT_ALLOWED',
  'EMERGENCY_ACTIVE',
  'IDEMPOTENCY_KEY_REUSED',
] as const satisfies readonly ErrorCode[];
