/**
 * The client kit of every screen (kiosk, phone page, console, rating pad, hall board, manager
 * area): the branch stream, the ticket tracker, the pad's room, device pairing, the typed REST
 * client and the console's call order. The only place a screen's `io()` is called.
 * Test doubles live in `@guichet/server/kit/testing`.
 */

/** A case's channels and statuses, in the order the ledger's filters offer them (the wire schema's lists). */
export { CASE_CHANNELS, CASE_STATUSES } from '../../core/cases.js';
/** The hall's date to the minute, 24-hour: the engine's own formatting options, for the screens' timestamps. */
export { DAY_MINUTE } from '../../core/time.js';
export type { PadIdentity } from '../events.js';
/** The manager reports' answers (type-only). */
export type * from '../reports.js';
/** The 好差评 loop's wire shapes (type-only: no TypeBox in a screen's bundle). */
export type {
  AppraisalEntry,
  AppraisalRecord,
  AppraisalSheet,
  CaseChannel,
  CaseStepView,
  CaseView,
  LedgerRow,
  RatesRow,
  RatingChannel,
  RatingsReport,
} from '../schemas/case-views.js';
export type { RouteBody, RouteParams, RouteQuery, RouteResponse } from '../schemas/routes.js';
export { alertLevelText, alertText, byUrgency, mergeAlert } from './alerts.js';
export { callOrder } from './call-order.js';
export {
  checkDevice,
  type DeviceCheck,
  forgetDeviceToken,
  type PairedDevice,
  type PairingOutcome,
  pairDevice,
  redeemPairingCode,
  takeDeviceToken,
} from './device.js';
export { MonitorStream, type MonitorStreamHandlers, type MonitorStreamOptions } from './monitor.js';
export {
  ApiError,
  type ApiErrorCode,
  type CallArgs,
  call,
  DEFAULT_TIMEOUT_MS,
  newIdempotencyKey,
} from './rest.js';
export {
  Backoff,
  isRejection,
  type KitSocket,
  openSocket,
  type SocketFactory,
  type SocketOptions,
} from './socket.js';
export {
  ACK_TIMEOUT_MS,
  BranchStream,
  type BranchStreamHandlers,
  type BranchStreamOptions,
  MAX_BUFFERED,
  type StreamStatus,
} from './stream.js';
export { followPad, type PadHandlers, POLL_MS, TicketTracker, type TicketTrackerHandlers } from './track.js';
