export * from './admin-store.js';
export * from './auth-store.js';
export * from './case-store.js';
export * from './config-store.js';
export * from './feedback-store.js';
export * from './open.js';
export * from './queue-store.js';
export * from './read/index.js';
export * as schema from './schema/index.js';
