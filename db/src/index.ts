export * from './open.js';
export * from './queue-store.js';
export * as schema from './schema/index.js';
