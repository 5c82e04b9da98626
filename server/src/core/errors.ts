/** Expected refusals are values with a code; the edges translate them to HTTP status or ack errors. */
export const ERROR_CODES = {
  // issuing
  SERVICE_NOT_FOUND: 404,
  SERVICE_SUSPENDED: 409,
  OUTSIDE_OPENING_HOURS: 409,
  AFTER_ISSUE_CUTOFF: 409,
  SERVICE_CLOSED: 409,
  DAILY_CAP_REACHED: 409,
  PERSON_LIMIT_REACHED: 409,
  PERSON_ID_REQUIRED: 422,
  PRIORITY_NOT_ALLOWED: 422,
  IDEMPOTENCY_KEY_REUSED: 409,
  // counters and tickets
  BRANCH_NOT_FOUND: 404,
  COUNTER_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  COUNTER_CLOSED: 409,
  COUNTER_PAUSED: 409,
  COUNTER_BUSY: 409,
  COUNTER_IDLE: 409,
  COUNTER_ALREADY_OPEN: 409,
  COUNTER_TAKEN: 409,
  TICKET_NOT_WAITING: 409,
  TICKET_NOT_NO_SHOW: 409,
  TICKET_NOT_CANCELLABLE: 409,
  TICKET_NOT_CURRENT: 409,
  TICKET_NOT_FOR_COUNTER: 403,
  TICKET_ALREADY_RATED: 409,
  REASON_REQUIRED: 422,
  /** A pause or close reason that is not one of the branch's configured (unretired) codes. */
  REASON_UNKNOWN: 422,
  // monitor
  ALERT_NOT_FOUND: 404,
  ALERT_RULES_INVALID: 422,
  INVALID_TARGET: 422,
  INVALID_OUTCOME: 422,
  // follow-up cases
  CASE_NOT_FOUND: 404,
  CASE_FEEDBACK_REQUIRED: 422,
  CASE_STEP_OUT_OF_ORDER: 409,
  CASE_CLOSED: 409,
  RATING_NOT_FOUND: 404,
  /** A supplementary comment after its period, or a second one. */
  RATING_COMMENT_CLOSED: 409,
  /** The phone page's complaints per ticket, or per address and day, are used up. */
  COMPLAINT_LIMIT_REACHED: 429,
  APPRAISAL_ENTRY_NOT_FOUND: 404,
  APPEAL_NOT_PENDING: 409,
  // hall configuration
  BRANCH_EXISTS: 409,
  PREFIX_TAKEN: 409,
  COUNTER_NUMBER_TAKEN: 409,
  USERNAME_TAKEN: 409,
  SERVICE_IN_USE: 409,
  USER_NOT_FOUND: 404,
  DEVICE_NOT_FOUND: 404,
  WRONG_PASSWORD: 403,
  PASSWORD_REJECTED: 422,
  /** An account would lock its own holder out: deactivating herself, or dropping her own admin role. */
  OWN_ACCOUNT_LOCKOUT: 409,
  /** The change would leave the installation without an active admin. */
  LAST_ADMIN: 409,
  CONFIG_INVALID: 422,
  // edges
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  EMERGENCY_ACTIVE: 409,
  /** A commit failed (disk full, I/O error): nothing was changed; the same request may be retried. */
  STORAGE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface Failure {
  ok: false;
  error: { code: ErrorCode; message: string };
}
export interface Success<T> {
  ok: true;
  data: T;
}
export type Result<T> = Success<T> | Failure;

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Failure => ({ ok: false, error: { code, message } });
