import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**', '.tmp/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser, serial and crash suites start real processes; keep them from fighting for the 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
