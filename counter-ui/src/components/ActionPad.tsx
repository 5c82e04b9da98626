import type { CounterView, TicketView } from '@guichet/server/protocol';
import { ACTIONS, type ActionId, shortcuts } from '../shortcuts';
import { canCommand, counter, currentTicket, selectedTicketId, t } from '../store';
import type { StringKey } from '../strings';

/**
 * Which keys make sense in the counter's state. The server still decides; this only keeps the
 * clerk from pressing what it would refuse.
 */
export function enabledActions(
  c: CounterView | null,
  current: TicketView | null,
  selected: string | null,
): Set<ActionId> {
  const on = new Set<ActionId>();
  if (!c) return on;
  switch (c.state) {
    case 'idle':
      on.add('callNext').add('pause').add('rating').add('close');
      if (selected) on.add('callSelected');
      break;
    case 'calling':
      on.add('recall').add('start').add('finish').add('noShow').add('transfer').add('park');
      break;
    case 'serving':
      on.add('finish').add('transfer').add('park');
      break;
    case 'paused':
      on.add('pause').add('close');
      break;
    default:
      break;
  }
  if (!current)
    for (const a of ['recall', 'start', 'finish', 'noShow', 'transfer', 'park'] as const) on.delete(a);
  return on;
}

/** The pad shows the actions in the order their keys are numbered (F1 …). */
export const ACTION_LAYOUT: readonly ActionId[] = ACTIONS;

export function actionLabel(a: ActionId, c: CounterView | null): string {
  if (a === 'pause' && c?.state === 'paused') return t('act_resume');
  return t(`act_${a}` as StringKey);
}

interface Props {
  onAction(a: ActionId): void;
}

export function ActionPad({ onAction }: Props) {
  const c = counter.value;
  const enabled = enabledActions(c, currentTicket.value, selectedTicketId.value);
  const allowed = canCommand.value;
  return (
    <div class="actions" role="toolbar">
      {ACTION_LAYOUT.map((a) => (
        <button
          key={a}
          type="button"
          class={`action action-${a}`}
          data-action={a}
          disabled={!allowed || !enabled.has(a)}
          onClick={() => onAction(a)}
        >
          <span class="action-label">{actionLabel(a, c)}</span>
          <kbd>{shortcuts.value[a]}</kbd>
        </button>
      ))}
    </div>
  );
}
