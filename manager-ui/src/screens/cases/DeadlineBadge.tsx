import { ct } from './lib';

/** Due soon and overdue stand out (amber, red, with a sign, not by colour alone); on time and done stay quiet. */
export function DeadlineBadge({ state }: { state: 'done' | 'on_time' | 'due_soon' | 'overdue' }) {
  if (state === 'on_time') return null;
  const sign = state === 'overdue' ? '▲ ' : state === 'due_soon' ? '● ' : '✓ ';
  return (
    <span class={`badge badge-${state}`} data-deadline={state}>
      {sign}
      {ct(`dl_${state}`)}
    </span>
  );
}
