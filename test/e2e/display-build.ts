import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../display-ui');
const DIST_INDEX = join(ROOT, 'dist/index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds display-ui/dist when it is missing or older than the sources (the real server serves
 * that folder). A directory lock keeps two suites from building at once.
 */
export async function ensureDisplayBuilt(): Promise<void> {
  const lock = join(ROOT, '.build-lock');
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const built = existsSync(DIST_INDEX) ? statSync(DIST_INDEX).mtimeMs : 0;
    const sources = Math.max(newestSource(join(ROOT, 'src')), statSync(join(ROOT, 'index.html')).mtimeMs);
    if (built < sources) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
