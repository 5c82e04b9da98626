export type { ErrorCode } from '../core/errors.js';
export * from './client.js';
export * from './events.js';
export * from './http.js';
export * from './sync.js';
export * from './views.js';
