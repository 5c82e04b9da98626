import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex]';

/**
 * Keeps the keyboard inside a modal panel: it starts on `first`, Tab and Shift+Tab wrap at the
 * panel's ends (and come back in from outside it, e.g. after a sent form was replaced), Escape
 * calls `onEscape`; when the panel goes, the focus returns to whatever opened it. One listener
 * on the document, in the capture phase, so the console's own keys never see these.
 */
export function useFocusTrap(ref: RefObject<HTMLElement>, first: string, onEscape: () => void): void {
  const onEscapeRef = useRef(onEscape);
  onEscapeRef.current = onEscape;
  // Set up once, for the panel's life.
  useLayoutEffect(() => {
    const root = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    root?.querySelector<HTMLElement>(first)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (!root) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onEscapeRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const stops = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0);
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const atEdge = e.shiftKey ? at <= 0 : at < 0 || at === stops.length - 1;
      if (!atEdge || stops.length === 0) return;
      e.preventDefault();
      (e.shiftKey ? stops.at(-1) : stops[0])?.focus();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (opener?.isConnected) opener.focus();
    };
  }, []);
}
