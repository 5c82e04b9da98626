import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { uiConfig } from '../vite.ui';

/** The manager area's JavaScript budget, gzipped, without chart libraries. */
export const BUDGET_GZIP_BYTES = 120 * 1024;

/** A chunk that carries the chart library (loaded lazily, on the first chart shown). */
const isChartChunk = (chunk: { moduleIds: string[] }) =>
  chunk.moduleIds.some((id) => id.includes('/node_modules/uplot/'));

/**
 * Prints the gzipped size of every JS chunk and fails the build past the budget, so a heavy
 * dependency is noticed when it is added rather than on a slow office PC. The budget covers
 * what every page loads (main bundle and other non-chart chunks); the chart chunk, fetched only
 * by the report screens, is printed on its own line.
 */
function sizeBudget(): Plugin {
  return {
    name: 'guichet-size-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      let main = 0;
      let charts = 0;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gzip = gzipSync(chunk.code, { level: 9 }).length;
        if (isChartChunk(chunk)) charts += gzip;
        else main += gzip;
        this.info(`${chunk.fileName}: ${(gzip / 1024).toFixed(1)} kB gzip`);
      }
      const line = `manager-ui JS: main ${(main / 1024).toFixed(1)} kB gzipped (budget ${BUDGET_GZIP_BYTES / 1024} kB)`;
      if (main === 0 || main > BUDGET_GZIP_BYTES)
        this.error(main === 0 ? 'no JS chunk built' : `FAIL ${line}`);
      process.stdout.write(`${line}\n`);
      process.stdout.write(
        `manager-ui JS: chart chunk ${(charts / 1024).toFixed(1)} kB gzipped (lazy, outside the budget)\n`,
      );
    },
  };
}

/** Built into manager-ui/dist; the server serves it at /manager/ with an SPA fallback. */
export default defineConfig(
  uiConfig({ root: import.meta.dirname, base: '/manager/', plugins: [sizeBudget()] }),
);
