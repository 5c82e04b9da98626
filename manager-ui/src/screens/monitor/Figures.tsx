import type { MonitorCounter, MonitorService, MonitorSnapshot } from '@guichet/server/protocol';
import { elapsed } from '../../components/time';
import { t, text } from '../../store';
import { mt } from '../../strings/monitor';

/**
 * The figures of a snapshot. Elapsed times tick locally between updates: each is the server's
 * figure at `figures.at` plus the time since the snapshot arrived here (no clock skew).
 */
interface Props {
  figures: MonitorSnapshot;
  /** Milliseconds since the snapshot arrived. */
  since: number;
}

export function Queues({ figures, since }: Props) {
  return (
    <section class="panel mon-queues" aria-labelledby="mon-queues-title">
      <div class="panel-head">
        <h2 id="mon-queues-title">{mt('queuesTitle')}</h2>
      </div>
      <table class="grid" data-testid="mon-queues">
        <thead>
          <tr>
            <th scope="col">{mt('colService')}</th>
            <th scope="col" class="num">
              {mt('colWaiting')}
            </th>
            <th scope="col" class="num">
              {mt('colLongest')}
            </th>
            <th scope="col" class="num">
              {mt('colSl')}
            </th>
            <th scope="col" class="num">
              {mt('colOpenCounters')}
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.services.map((s) => (
            <QueueRow key={s.serviceId} s={s} since={since} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function QueueRow({ s, since }: { s: MonitorService; since: number }) {
  const longest = s.longestWaitSeconds === null ? null : s.longestWaitSeconds * 1000 + since;
  const over = longest !== null && longest > s.targetWaitMinutes * 60_000;
  const sl = s.serviceLevelToday;
  return (
    <tr data-service={s.serviceId}>
      <td class="strong">{text(s.name)}</td>
      <td class="num mon-big">{s.waiting}</td>
      <td class={over ? 'num mono nowrap over' : 'num mono nowrap'} data-testid="mon-longest">
        {longest === null ? <span class="muted">{mt('nobodyWaits')}</span> : elapsed(longest)}
        <span class="muted"> / {mt('minutes', { n: s.targetWaitMinutes })}</span>
      </td>
      <td class="num nowrap" data-testid="mon-sl">
        {sl && sl.percent !== null ? (
          <>
            <strong>{`${sl.percent}%`}</strong>{' '}
            <span class="muted">{mt('slOf', { within: sl.within, counted: sl.counted })}</span>
          </>
        ) : (
          '—'
        )}
      </td>
      <td class="num">{s.openCounters}</td>
    </tr>
  );
}

export function Counters({ figures, since }: Props) {
  const open = figures.counters.filter((c) => c.state !== 'closed').length;
  const total = figures.counters.length;
  return (
    <section class="panel mon-counters" aria-labelledby="mon-counters-title">
      <div class="panel-head">
        <h2 id="mon-counters-title">{mt('countersTitle')}</h2>
        <span class="summary" data-testid="mon-open-rate">
          {mt('openRate', { open, total, percent: total ? Math.round((open / total) * 100) : 0 })}
        </span>
      </div>
      <table class="grid" data-testid="mon-counters">
        <thead>
          <tr>
            <th scope="col">{mt('colCounter')}</th>
            <th scope="col">{mt('colState')}</th>
            <th scope="col">{mt('colClerk')}</th>
            <th scope="col">{mt('colTicket')}</th>
            <th scope="col" class="num">
              {mt('colFor')}
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.counters.map((c) => (
            <CounterRow key={c.counterId} c={c} at={figures.at} since={since} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CounterRow({ c, at, since }: { c: MonitorCounter; at: number; since: number }) {
  const closed = c.state === 'closed';
  return (
    <tr data-counter={c.counterId} data-state={c.state}>
      <td class="strong nowrap">{text(c.name)}</td>
      <td>
        <span class={`state-badge ${c.state}`}>{t(`state_${c.state}`)}</span>
        {c.state === 'paused' && c.pauseReason && (
          <span class="pause-reason">{mt('pausedFor', { reason: c.pauseReason })}</span>
        )}
      </td>
      <td>{!closed && c.clerkName ? c.clerkName : mt('noClerk')}</td>
      <td>{c.currentCode ? <strong class="code">{c.currentCode}</strong> : mt('noTicket')}</td>
      <td class="num mono">{closed ? '' : elapsed(at - c.stateSince + since)}</td>
    </tr>
  );
}
