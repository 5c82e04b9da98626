import { useState } from 'preact/hooks';
import { ACTIONS, type ActionId, keyName, resetShortcuts, setShortcut, shortcuts } from '../shortcuts';
import { counter, t } from '../store';
import { actionLabel } from './ActionPad';

interface Props {
  onClose(): void;
}

/** Lets the clerk rebind each action's key; kept in localStorage on this computer. */
export function ShortcutsDialog({ onClose }: Props) {
  const [capturing, setCapturing] = useState<ActionId | null>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (capturing) {
      const name = keyName(e);
      if (!name) return;
      e.preventDefault();
      if (name !== 'Escape') setShortcut(capturing, name);
      setCapturing(null);
    } else if (e.key === 'Escape') onClose();
  };
  return (
    <div class="backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-label={t('shortcuts')} onKeyDown={onKeyDown}>
        <h2>{t('shortcuts')}</h2>
        <p class="hint">{t('shortcutsHint')}</p>
        <table class="shortcut-table">
          <tbody>
            {ACTIONS.map((a) => (
              <tr key={a}>
                <td>{actionLabel(a, counter.value)}</td>
                <td>
                  <button type="button" class="key-box" data-shortcut={a} onClick={() => setCapturing(a)}>
                    {capturing === a ? t('pressAKey') : shortcuts.value[a]}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={resetShortcuts}>
            {t('resetShortcuts')}
          </button>
          <button type="button" class="btn btn-primary" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </div>
  );
}
