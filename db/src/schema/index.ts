export * from './feedback.js';
export * from './hall.js';
export * from './people.js';
export * from './tickets.js';
