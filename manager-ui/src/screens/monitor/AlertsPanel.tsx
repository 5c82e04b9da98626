import { alertLevelText, alertText, byUrgency } from '@guichet/server/kit';
import type { AlertView, MonitorSnapshot } from '@guichet/server/protocol';
import { useState } from 'preact/hooks';
import { clockTime } from '../../components/time';
import { failureText, locale, text } from '../../store';
import { mt } from '../../strings/monitor';
import { RESOLVED_SHOWN } from './live';

interface Props {
  alerts: AlertView[];
  figures: MonitorSnapshot | null;
  timezone: string;
  /** Who acknowledged, by user id, when the alert does not name them. */
  nameOf(userId: string): string;
  /** False while the stream is not in sync: nobody acknowledges what they cannot see is true. */
  canAct: boolean;
  acknowledge(id: string): Promise<void>;
}

/** Open alerts (critical first, then the oldest) with their acknowledgement; recent resolved ones. */
export function AlertsPanel(p: Props) {
  const open = p.alerts.filter((a) => a.clearedAt === null).sort(byUrgency);
  const resolved = p.alerts
    .filter((a) => a.clearedAt !== null)
    .sort((a, b) => b.clearedAt! - a.clearedAt!)
    .slice(0, RESOLVED_SHOWN);
  return (
    <section class="panel mon-alerts" aria-labelledby="mon-alerts-title">
      <div class="panel-head">
        <h2 id="mon-alerts-title">{mt('alertsTitle')}</h2>
        <span class="summary">{mt('openAlerts', { n: open.length })}</span>
      </div>
      {open.length === 0 ? (
        <p class="muted">{mt('noAlerts')}</p>
      ) : (
        <ul class="mon-alert-list" data-testid="mon-open-alerts">
          {open.map((a) => (
            <AlertItem key={a.id} a={a} {...p} />
          ))}
        </ul>
      )}
      <h3>{mt('resolvedTitle')}</h3>
      {resolved.length === 0 ? (
        <p class="muted">{mt('noResolved')}</p>
      ) : (
        <ul class="mon-alert-list resolved" data-testid="mon-resolved-alerts">
          {resolved.map((a) => (
            <AlertItem key={a.id} a={a} {...p} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Where the alert is: the service's and the counter's names from the figures. */
export function alertWhere(a: AlertView, figures: MonitorSnapshot | null): string {
  const service = figures?.services.find((s) => s.serviceId === a.serviceId);
  const counter = figures?.counters.find((c) => c.counterId === a.counterId);
  const parts = [
    service && mt('whereService', { name: text(service.name) }),
    counter && mt('whereCounter', { name: text(counter.name) }),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : mt('whereBranch');
}

function AlertItem({ a, figures, timezone, nameOf, canAct, acknowledge }: Props & { a: AlertView }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ack = async () => {
    setBusy(true);
    setError(null);
    try {
      await acknowledge(a.id);
    } catch (e) {
      setError(mt('ackFailed', { reason: failureText(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class={`mon-alert ${a.level}`} data-alert={a.id} data-kind={a.kind} data-level={a.level}>
      <span class={`mon-level ${a.level}`}>{alertLevelText(a, locale.value)}</span>
      <div class="mon-alert-body">
        <strong class="mon-what">{alertText(a, locale.value)}</strong>
        <span class="mon-where">{alertWhere(a, figures)}</span>
        <span class="muted">
          {mt('raisedAt', { time: clockTime(a.raisedAt, timezone) })}
          {a.clearedAt !== null && ` · ${mt('clearedAt', { time: clockTime(a.clearedAt, timezone) })}`}
        </span>
        <span class="mon-ack" data-testid="mon-ack-state">
          {a.acknowledgedBy !== null && a.acknowledgedAt !== null
            ? mt('acknowledgedBy', {
                name: a.acknowledgedByName ?? nameOf(a.acknowledgedBy),
                time: clockTime(a.acknowledgedAt, timezone),
              })
            : mt('notAcknowledged')}
        </span>
        {error && (
          <span class="mon-error" role="alert">
            {error}
          </span>
        )}
      </div>
      {a.clearedAt === null && a.acknowledgedAt === null && (
        <button
          type="button"
          class="btn btn-primary btn-large"
          disabled={busy || !canAct}
          onClick={() => void ack()}
          aria-label={`${mt('acknowledge')}: ${alertText(a, locale.value)}`}
        >
          {busy ? mt('acknowledging') : mt('acknowledge')}
        </button>
      )}
    </li>
  );
}
