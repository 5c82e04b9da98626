import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { staff } from './store';

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
const FIELD = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

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
 * A modal with Cancel / Confirm on the browser's own <dialog> (the page behind is inert).
 * Focus starts on `[data-autofocus]`, else the first field, else Cancel (so Enter never
 * confirms by accident), and stays inside (Tab wraps); Escape cancels; Enter in a field
 * submits the form (its `required` fields are checked first); on close focus goes back to
 * where it was. Keys stop here: the console's shortcuts do not fire under a dialog.
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
  const { t } = staff();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;
  /** The element inside the dialog that last had the focus. */
  const focused = useRef<EventTarget | null>(null);
  const focusFirst = () => {
    const root = ref.current;
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FIELD);
    (first ?? cancelButton.current ?? root)?.focus();
  };
  // Layout effect: the focus is inside the dialog before the next key is handled, so a clerk who
  // types the moment it opens types into it.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (root && !root.open) root.showModal?.();
    const remember = (e: FocusEvent) => {
      focused.current = e.target;
    };
    root?.addEventListener('focusin', remember);
    focusFirst();
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
      root?.removeEventListener('focusin', remember);
      document.removeEventListener('keydown', outside, true);
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  // The fields can change while the dialog is open (the branch's pause reasons arrive live):
  // when the field that had the focus is gone, the focus would fall to the page behind, so it
  // starts again on the first field. Focus moved out on purpose (a click on the backdrop) stays.
  useLayoutEffect(() => {
    const root = ref.current;
    const gone = focused.current instanceof Node && !focused.current.isConnected;
    if (root && gone && !root.contains(document.activeElement)) focusFirst();
  });
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
      !(e.target instanceof HTMLButtonElement) &&
      !(e.target instanceof HTMLAnchorElement)
    ) {
      e.preventDefault();
      const form = ref.current?.querySelector('form');
      if (form?.requestSubmit) form.requestSubmit();
      else if (!confirmDisabled) onConfirm();
    }
    e.stopPropagation();
  };
  return (
    <dialog
      ref={ref}
      class="dialog"
      // biome-ignore lint/a11y/noRedundantRoles: said out loud so `[role=dialog]` finds every dialog, the console's plain shortcut box too
      role="dialog"
      aria-modal="true"
      aria-labelledby="dialog-title"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      // Escape is handled above; the browser's own close would leave the screen's state open.
      onCancel={(e) => e.preventDefault()}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!confirmDisabled) onConfirm();
        }}
      >
        <h2 id="dialog-title">{title}</h2>
        <div class="dialog-body">{children}</div>
        <div class="dialog-actions">
          <button type="button" class="btn" ref={cancelButton} onClick={onCancel}>
            {t('cancel')}
          </button>
          <button
            type="submit"
            class={danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={confirmDisabled}
            data-testid="dialog-confirm"
          >
            {confirmLabel ?? t('confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
