import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a bus keeps the next QLP/1 SEQ per address between runs (CLI runs, server restarts),
 * so the sequence continues instead of starting at 0 again. The session-start PING already
 * makes a restart safe; this keeps SEQ values meaningful in logs and bus captures too.
 */
export interface SeqStore {
  load(busPath: string): Record<number, number>;
  save(busPath: string, next: Record<number, number>): void;
}

type FileShape = Record<string, Record<string, number>>;

/** One JSON file for all buses, keyed by port path; written atomically (temp file + rename). */
export function fileSeqStore(file: string): SeqStore {
  const read = (): FileShape => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as FileShape) : {};
    } catch {
      return {}; // missing or damaged: start fresh, the session PING keeps displays in step
    }
  };
  return {
    load: (busPath) => {
      const entry = read()[busPath] ?? {};
      return Object.fromEntries(Object.entries(entry).map(([a, s]) => [Number(a), Number(s)]));
    },
    save: (busPath, next) => {
      const all = read();
      all[busPath] = Object.fromEntries(Object.entries(next).map(([a, s]) => [String(a), s]));
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(all));
      renameSync(tmp, file);
    },
  };
}
