import { ApiError } from '@guichet/server/kit';
import { useEffect } from 'preact/hooks';
import { type Session, staff } from './store';

export const LOAD_RETRY_MIN_MS = 1000;
const LOAD_RETRY_MAX_MS = 30_000;

interface Load<T> {
  /** What the screen needs first once signed in (its branch); `live()` is false once it is no longer wanted. */
  load(session: Session, live: () => boolean): Promise<T>;
  loaded(value: T): void;
  /** A failure other than a refused token, in the reader's language; it is tried again. */
  failed(text: string): void;
  /** When the session ends or the screen goes away. */
  reset?(): void;
}

/**
 * Runs `load` once per session. Only a 401 (the token is no good) signs out; a network failure
 * or a busy server is said and tried again with a growing pause (1 s, doubling, at most 30 s).
 */
export function useSessionLoad<T>(session: Session | null, h: Load<T>): void {
  useEffect(() => {
    if (!session) return;
    const { endSession, failureText } = staff();
    let live = true;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let delay = LOAD_RETRY_MIN_MS;
    const run = async () => {
      try {
        const value = await h.load(session, () => live);
        if (live) h.loaded(value);
      } catch (e) {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) return endSession();
        h.failed(failureText(e));
        retry = setTimeout(() => void run(), delay);
        delay = Math.min(delay * 2, LOAD_RETRY_MAX_MS);
      }
    };
    void run();
    return () => {
      live = false;
      if (retry) clearTimeout(retry);
      h.reset?.();
    };
  }, [session?.token]);
}
