export * from './report-reads.js';
export * from './rollup-store.js';
