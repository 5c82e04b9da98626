import { alertLevelText, alertText, type SocketFactory } from '@guichet/server/kit';
import { clockTime } from '../../components/time';
import { hrefOf, navigate } from '../../route';
import { branchId, endSession, locale, now, session, snapshot } from '../../store';
import { ar } from '../../strings/alert-rules';
import { mt } from '../../strings/monitor';
import { AlertsPanel, alertWhere } from './AlertsPanel';
import { Counters, Queues } from './Figures';
import { type MonitorLive, STALE_MS, useMonitorLive } from './live';
import './monitor.css';

/**
 * The live monitor: queues, counters and alerts of the branch, refreshed by the monitor stream
 * alone (no polling). Whenever the figures cannot be believed — disconnected, resyncing, or no
 * update for longer than the server's 15 s heartbeat allows — a banner says so.
 */
export function Monitor({ socket }: { socket?: SocketFactory }) {
  const s = session.value!;
  const bid = branchId.value!;
  const live = useMonitorLive({
    token: s.token,
    branchId: bid,
    socket,
    onSignedOut: endSession,
  });
  const timezone = snapshot.value?.branch.timezone ?? 'Asia/Shanghai';
  const since = live.figures ? Math.max(0, now.value - live.receivedAt) : 0;
  const stale = live.status === 'online' && live.figures !== null && since > STALE_MS;
  // The server names who acknowledged; for a server that does not: me, a counter's clerk, the id.
  const nameOf = (id: string) =>
    id === s.user.id
      ? s.user.displayName
      : (live.figures?.counters.find((c) => c.clerkId === id)?.clerkName ?? id);
  return (
    <div class="monitor">
      <StreamBanner live={live} stale={stale} />
      <div class="mon-head">
        <h1>{mt('monitorTitle')}</h1>
        {(s.user.role === 'manager' || s.user.role === 'admin') && (
          <a
            href={hrefOf('alert-rules')}
            data-testid="mon-rules-link"
            onClick={(e) => {
              e.preventDefault();
              navigate('alert-rules');
            }}
          >
            {ar('openRules')}
          </a>
        )}
        {live.figures && (
          <span class="muted" data-testid="mon-updated">
            {mt('updatedAt', { time: clockTime(live.figures.at, timezone, true) })}
          </span>
        )}
      </div>
      {/* New alerts are read out as they come; the list below keeps them all. */}
      <div class="sr-only" aria-live="assertive" aria-atomic="true" data-testid="mon-announce">
        {live.raised &&
          mt('newAlert', {
            what: `${alertLevelText(live.raised, locale.value)} ${alertText(live.raised, locale.value)} ${alertWhere(live.raised, live.figures)}`,
          })}
      </div>
      <div class={stale || live.status !== 'online' ? 'mon-grid mon-stale' : 'mon-grid'}>
        <AlertsPanel
          alerts={live.alerts}
          figures={live.figures}
          timezone={timezone}
          nameOf={nameOf}
          canAct={live.status === 'online'}
          acknowledge={live.acknowledge}
        />
        {live.figures && <Queues figures={live.figures} since={since} />}
        {live.figures && <Counters figures={live.figures} since={since} />}
      </div>
    </div>
  );
}

function StreamBanner({ live, stale }: { live: MonitorLive; stale: boolean }) {
  if (live.status === 'refused')
    return (
      <div class="banner banner-error" role="alert" data-testid="mon-stream-banner">
        {mt('streamRefused')}
      </div>
    );
  if (live.status === 'offline' || stale)
    return (
      <div class="banner banner-error" role="alert" data-testid="mon-stream-banner">
        {mt('streamOffline')}
      </div>
    );
  if (live.status !== 'online')
    return (
      <div class="banner banner-info" role="status" data-testid="mon-stream-banner">
        {mt('streamSyncing')}
      </div>
    );
  return null;
}
