import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Makes the data directory (database, backups, credentials) reachable by the server's user
 * only. A directory made by an older release with 0755 is tightened, but never a shared one
 * (sticky like /tmp, or owned by another user): that would break other programs. Returns a
 * warning for the operator when the directory stays open.
 */
export function secureDataDir(dir: string): string | null {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { mode, uid } = statSync(dir);
  if ((mode & 0o077) === 0) return null;
  const shared = (mode & 0o1000) !== 0 || (process.getuid !== undefined && uid !== process.getuid());
  if (shared) return `data directory ${dir} is readable by other users; give Guichet a directory of its own`;
  chmodSync(dir, 0o700);
  return null;
}
