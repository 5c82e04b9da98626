import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export type Ui = 'kiosk' | 'counter' | 'display' | 'manager';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let n = 0;
  for (const e of readdirSync(path)) n = Math.max(n, newest(join(path, e)));
  return n;
}

/**
 * Builds `<ui>-ui/dist` when it is missing or older than its sources or the wire protocol it
 * imports (the real server serves that folder), so a single browser suite can run on its own.
 * `npm test` builds every UI first; a directory lock keeps parallel suites from building twice.
 */
export async function ensureUiBuilt(ui: Ui): Promise<void> {
  const dir = resolve(ROOT, `${ui}-ui`);
  const lock = join(dir, '.build-lock');
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
    const index = join(dir, 'dist/index.html');
    const built = existsSync(index) ? statSync(index).mtimeMs : 0;
    const sources = Math.max(
      newest(join(dir, 'src')),
      newest(join(dir, 'index.html')),
      newest(join(dir, 'vite.config.ts')),
      newest(resolve(ROOT, 'server/src/protocol')),
    );
    if (built < sources) execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
