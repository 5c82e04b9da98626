import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export type Ui = 'kiosk' | 'counter' | 'display' | 'manager';

/** Newest modification time under a path (0 when it does not exist). */
export function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let n = 0;
  for (const e of readdirSync(path)) n = Math.max(n, newest(join(path, e)));
  return n;
}

/**
 * Runs `build` when `output` is older than any of `sources`, holding a directory lock so that
 * parallel suites neither build twice nor start what another suite is still writing.
 */
export async function buildWhenStale(
  lock: string,
  output: string,
  sources: string[],
  build: () => void,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${lock} held for 2 minutes; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (newest(output) < Math.max(...sources.map(newest))) build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds `<ui>-ui/dist` when it is missing or older than its sources, the shared Vite config or
 * the wire protocol it imports (the real server serves that folder), so a single browser suite can run on its own.
 * `npm test` builds every UI first.
 */
export function ensureUiBuilt(ui: Ui): Promise<void> {
  const dir = resolve(ROOT, `${ui}-ui`);
  return buildWhenStale(
    join(dir, '.build-lock'),
    join(dir, 'dist/index.html'),
    [
      join(dir, 'src'),
      join(dir, 'index.html'),
      join(dir, 'vite.config.ts'),
      resolve(ROOT, 'vite.ui.ts'),
      resolve(ROOT, 'server/src/protocol'),
    ],
    // The production build, as `npm run build` makes it: vitest sets NODE_ENV=test, which would
    // give a larger development bundle than the one the manager area's size budget is about.
    () =>
      execFileSync('npm', ['run', 'build'], {
        cwd: dir,
        stdio: 'pipe',
        env: { ...process.env, NODE_ENV: 'production' },
      }),
  );
}
