import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../store';

interface Props {
  title: string;
  children: ComponentChildren;
  confirmLabel?: string;
  confirmDisabled?: boolean;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** The next stop for Tab (or Shift+Tab) inside `root`, wrapping; null when the browser's own move stays inside. */
export function trapTarget(root: HTMLElement, active: Element | null, back: boolean): HTMLElement | null {
  const list = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (list.length === 0) return root;
  const first = list[0] as HTMLElement;
  const last = list[list.length - 1] as HTMLElement;
  if (!active || !root.contains(active)) return back ? last : first;
  const at = list.indexOf(active as HTMLElement);
  // A radio group is one Tab stop: its other radios do not count as somewhere to go.
  const other = (el: HTMLElement) =>
    !(
      active instanceof HTMLInputElement &&
      active.type === 'radio' &&
      el instanceof HTMLInputElement &&
      el.type === 'radio' &&
      el.name === active.name
    );
  if (at < 0) return null;
  if (back) return list.slice(0, at).some(other) ? null : last;
  return list.slice(at + 1).some(other) ? null : first;
}

/**
 * A modal with Cancel / Confirm. Focus starts on the first field and stays inside (Tab wraps);
 * Escape cancels, Enter confirms (when allowed); on close focus goes back to where it was.
 */
export function Dialog({
  title,
  children,
  confirmLabel,
  confirmDisabled,
  danger,
  onConfirm,
  onCancel,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;
  // Layout effect: the focus is inside the dialog before the next key is handled, so a clerk who
  // types the moment it opens types into it.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? root)?.focus();
    // Keys that arrive while focus is outside the dialog (a click on the backdrop): Escape
    // still cancels and Tab comes back in.
    const outside = (e: KeyboardEvent) => {
      if (!root || (e.target instanceof Node && root.contains(e.target))) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        cancelRef.current();
      } else if (e.key === 'Tab') {
        e.preventDefault();
        trapTarget(root, null, e.shiftKey)?.focus();
      }
    };
    document.addEventListener('keydown', outside, true);
    return () => {
      document.removeEventListener('keydown', outside, true);
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Tab') {
      const next = ref.current && trapTarget(ref.current, document.activeElement, e.shiftKey);
      if (next) {
        e.preventDefault();
        next.focus();
      }
    } else if (
      e.key === 'Enter' &&
      !(e.target instanceof HTMLTextAreaElement) &&
      !(e.target instanceof HTMLButtonElement)
    ) {
      e.preventDefault();
      if (!confirmDisabled) onConfirm();
    }
    e.stopPropagation();
  };
  return (
    <div class="backdrop">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        ref={ref}
        onKeyDown={onKeyDown}
      >
        <h2>{title}</h2>
        <div class="dialog-body">{children}</div>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button
            type="button"
            class={danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={confirmDisabled}
            onClick={onConfirm}
          >
            {confirmLabel ?? t('confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
