import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
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

/**
 * A modal confirmation on the browser's own <dialog>: the page behind is inert, Escape
 * cancels, focus starts on the first field (else on Cancel, so Enter never confirms by
 * accident) and goes back to the opener on close.
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
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = ref.current;
    if (el && !el.open) el.showModal?.();
    const field = el?.querySelector<HTMLElement>('input, select, textarea');
    (field ?? cancelRef.current)?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!confirmDisabled) onConfirm();
        }}
      >
        <h2 id="dialog-title">{title}</h2>
        <div class="dialog-body">{children}</div>
        <div class="dialog-buttons">
          <button type="button" class="btn" ref={cancelRef} onClick={onCancel}>
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
