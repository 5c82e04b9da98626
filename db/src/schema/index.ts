export * from './feedback.js';
export * from './hall.js';
export * from './monitor.js';
export * from './people.js';
export * from './retention.js';
export * from './tickets.js';
