export type { ErrorCode } from '../core/errors.js';
export { PHOTO_MAX_BYTES, PHOTO_MAX_CHARS } from './admin-routes.js';
export * from './events.js';
export * from './http.js';
export type * from './monitor.js';
export type * from './reports.js';
export * from './routes.js';
export * from './sync.js';
export * from './views.js';
