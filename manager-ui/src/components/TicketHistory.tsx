import type { TicketHistory as History } from '@guichet/server/protocol';
import { useEffect, useState } from 'preact/hooks';
import { moveTicket, searchTickets } from '../api';
import {
  branchId,
  busy,
  canAct,
  failureText,
  locale,
  servicesById,
  session,
  snapshot,
  t,
  text,
} from '../store';
import type { Outcome } from './TicketCard';
import { clockTime } from './time';

type Placement = 'first' | 'last' | 'arrival';

/** Each event of a ticket's log in both languages (an unknown type shows as it is). */
const EVENT_NAMES: Record<string, [string, string]> = {
  'ticket.issued': ['取号', 'Issued'],
  'ticket.called': ['呼叫', 'Called'],
  'ticket.recalled': ['重呼', 'Recalled'],
  'ticket.started': ['开始办理', 'Service started'],
  'ticket.finished': ['办结', 'Finished'],
  'ticket.no_show': ['过号', 'No-show'],
  'ticket.reinstated': ['过号重排', 'Reinstated'],
  'ticket.transferred': ['转移', 'Transferred'],
  'ticket.parked': ['挂起', 'Parked'],
  'ticket.cancelled': ['取消', 'Cancelled'],
};
const eventName = (type: string) => {
  const names = EVENT_NAMES[type];
  return names ? names[locale.value === 'zh-CN' ? 0 : 1] : type;
};

/**
 * A ticket of today as the server's log tells it: finished and cancelled ones too, every event
 * with who and when; a waiting ticket can be moved to another service from here.
 */
export function TicketHistory({
  code,
  ticketId,
  onDone,
}: {
  code: string;
  ticketId: string | null;
  onDone(o: Outcome): void;
}) {
  const [found, setFound] = useState<History[] | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [placement, setPlacement] = useState<Placement>('arrival');
  const token = session.value?.token;
  const branch = branchId.value;
  const version = snapshot.value?.version;
  useEffect(() => {
    if (!token || !branch) return;
    let live = true;
    searchTickets(token, branch, code)
      .then((r) => live && setFound(Array.isArray(r) ? r : []))
      .catch((e) => live && onDone({ kind: 'error', text: failureText(e) }));
    return () => {
      live = false;
    };
  }, [code, token, branch, version]);
  const tz = snapshot.value?.branch.timezone ?? 'UTC';
  const entry = found?.find((h) => h.ticket.id === ticketId) ?? found?.[found.length - 1];
  if (!entry || !token) return null;
  const tk = entry.ticket;
  const others = [...servicesById.value.values()].filter((s) => s.id !== tk.serviceId);
  const move = async (e: Event) => {
    e.preventDefault();
    if (!serviceId) return;
    busy.value = true;
    try {
      await moveTicket(token, tk.id, serviceId, placement);
      const name = text(servicesById.value.get(serviceId)?.name);
      onDone({ kind: 'ok', text: t('moved', { code: tk.code, service: name }) });
    } catch (err) {
      onDone({ kind: 'error', text: failureText(err) });
    } finally {
      busy.value = false;
    }
  };
  return (
    <div class="ticket-history" data-testid="ticket-history">
      {tk.status === 'waiting' && (
        <form class="move-form" onSubmit={move} data-testid="move-form">
          <label class="field">
            {t('moveTo')}
            <select value={serviceId} onChange={(e) => setServiceId((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.prefix} {text(s.name)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            {t('movePlacement')}
            <select
              value={placement}
              onChange={(e) => setPlacement((e.target as HTMLSelectElement).value as Placement)}
            >
              {(['arrival', 'first', 'last'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`place_${p}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="btn btn-primary" disabled={!serviceId || !canAct.value}>
            {t('move')}
          </button>
        </form>
      )}
      <h3 class="sub">
        {t('history')} · {tk.code}
      </h3>
      <ol class="history">
        {entry.events.map((e) => (
          <li key={`${e.at}-${e.type}`}>
            <span class="mono">{clockTime(e.at, tz)}</span> {eventName(e.type)}
            {e.actorKind === 'user' ? ` · ${e.actor}` : ''}
            {e.reason ? ` · ${e.reason}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
