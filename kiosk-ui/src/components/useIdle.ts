import { useEffect, useRef } from 'preact/hooks';

/** Calls `onIdle` after `seconds` without a touch, click or key press anywhere. */
export function useIdle(seconds: number, onIdle: () => void, enabled = true): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!enabled) return;
    let timer = setTimeout(() => callback.current(), seconds * 1_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), seconds * 1_000);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) document.addEventListener(e, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) document.removeEventListener(e, reset);
    };
  }, [seconds, enabled]);
}
