import {
  alertLevelText,
  alertText,
  byUrgency,
  call,
  MonitorStream,
  mergeAlert,
  type SocketFactory,
} from '@guichet/server/kit';
import type { AlertView } from '@guichet/server/protocol';
import { useEffect, useState } from 'preact/hooks';
import { endSession, failureText, locale, session, snapshot, text } from '../store';
import { format } from '../strings';
import { ALERT_STRINGS, type AlertStringKey } from './supervisor-alerts-strings';
import './supervisor-alerts.css';

/** Roles that may follow the branch's monitor (the server refuses clerks). */
const READERS = new Set(['supervisor', 'manager', 'admin']);
/** A compact strip: the most urgent few, and how many more. */
const SHOWN = 3;

const at = (key: AlertStringKey, params?: Record<string, string | number>) =>
  format(ALERT_STRINGS[locale.value][key], params);

/**
 * The branch's open alerts for a supervisor at her console, pushed by the same monitor stream
 * as the manager area's live monitor, each with its acknowledgement. Nothing for a clerk.
 */
export function SupervisorAlerts({ socket }: { socket?: SocketFactory }) {
  const s = session.value;
  const branchId = snapshot.value?.branch.id ?? null;
  const reader = !!s && READERS.has(s.user.role);
  const [alerts, setAlerts] = useState<AlertView[]>([]);
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!s || !reader || !branchId) return;
    const stream = new MonitorStream(
      { token: s.token, branchId, socket },
      {
        onSnapshot: (snap) => setAlerts(snap.alerts),
        onAlert: (a) => setAlerts((held) => mergeAlert(held, a)),
        onStatus: (st) => setLive(st.synced),
        onRejected: (code) => (code === 'UNAUTHENTICATED' ? endSession() : setLive(false)),
      },
    ).start();
    return () => {
      stream.stop();
      setAlerts([]);
    };
  }, [s?.token, reader, branchId]);

  const open = alerts.filter((a) => a.clearedAt === null).sort(byUrgency);
  if (!reader || open.length === 0) return null;
  const worst = open[0]!.level;
  return (
    <section class={`sup-alerts ${worst}`} aria-labelledby="sup-alerts-title" data-testid="supervisor-alerts">
      <h2 id="sup-alerts-title">
        {at('title', { n: open.length })}
        {!live && <span class="sup-stale"> · {at('notLive')}</span>}
      </h2>
      <ul>
        {open.slice(0, SHOWN).map((a) => (
          <AlertRow key={a.id} a={a} canAct={live} onAcked={(x) => setAlerts((h) => mergeAlert(h, x))} />
        ))}
      </ul>
      {open.length > SHOWN && <p class="sup-more">{at('more', { n: open.length - SHOWN })}</p>}
      {/* Read out as they come: the newest raise is announced, the list stays as it is. */}
      <p class="sr-only" aria-live="assertive">
        {open.length > 0 &&
          alertText(
            open.reduce((x, y) => (y.raisedAt > x.raisedAt ? y : x)),
            locale.value,
          )}
      </p>
    </section>
  );
}

function AlertRow({ a, canAct, onAcked }: { a: AlertView; canAct: boolean; onAcked(a: AlertView): void }) {
  const s = session.value!;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const snap = snapshot.value;
  const where = [
    text(snap?.services.find((x) => x.id === a.serviceId)?.name),
    text(snap?.counters.find((x) => x.id === a.counterId)?.name),
  ]
    .filter(Boolean)
    .join(' · ');
  const who = (id: string) =>
    id === s.user.id ? s.user.displayName : (snap?.counters.find((c) => c.clerkId === id)?.clerkName ?? id);
  const ack = async () => {
    setBusy(true);
    setError(null);
    try {
      onAcked(await call('alert:ack', { token: s.token, params: { id: a.id } }));
    } catch (e) {
      setError(failureText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class={`sup-alert ${a.level}`} data-alert={a.id}>
      <span class="sup-level">{alertLevelText(a, locale.value)}</span>
      <span class="sup-what">
        {alertText(a, locale.value)}
        {where && <span class="sup-where"> · {where}</span>}
      </span>
      {a.acknowledgedBy !== null ? (
        <span class="sup-acked">
          {at('acknowledgedBy', { name: a.acknowledgedByName ?? who(a.acknowledgedBy) })}
        </span>
      ) : (
        <button
          type="button"
          class="btn btn-primary sup-ack"
          disabled={busy || !canAct}
          onClick={() => void ack()}
          aria-label={`${at('acknowledge')}: ${alertText(a, locale.value)}`}
        >
          {at('acknowledge')}
        </button>
      )}
      {error && (
        <span class="sup-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}
