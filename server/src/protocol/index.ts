export type { ErrorCode } from '../core/errors.js';
export * from './events.js';
export * from './http.js';
export type * from './monitor.js';
export * from './routes.js';
export * from './sync.js';
export * from './views.js';
