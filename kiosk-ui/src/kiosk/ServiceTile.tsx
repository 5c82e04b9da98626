import type { Locale, ServiceView } from '@guichet/server/protocol';
import { waitText } from '../components/format';
import { t, tCode } from '../strings';

/** Why the tile does not issue, in the citizen's language (with the staff's free-text reason). */
export function closedText(locale: Locale, service: ServiceView): string | null {
  if (service.open) return null;
  const base = service.closedReason
    ? (tCode(locale, 'closed', service.closedReason) ?? t(locale, 'closed.generic'))
    : t(locale, 'closed.generic');
  // Staff's free text only ever next to the localized "suspended" label.
  if (!service.suspendedReason || service.closedReason !== 'SERVICE_SUSPENDED') return base;
  return locale === 'zh-CN' ? `${base}：${service.suspendedReason}` : `${base}: ${service.suspendedReason}`;
}

export function ServiceTile(props: {
  service: ServiceView;
  locale: Locale;
  blocked: boolean;
  onChoose: (s: ServiceView) => void;
}) {
  const { service, locale, blocked } = props;
  const closed = closedText(locale, service);
  // With no counter open, "no wait" would be a promise nobody keeps: say why there is no estimate.
  const wait =
    service.estimateStatus === 'no_counter_open'
      ? t(locale, 'tile.noCounterOpen')
      : service.estimateStatus === 'after_closing'
        ? t(locale, 'tile.afterClosing')
        : service.waiting === 0
          ? t(locale, 'tile.noWait')
          : (waitText(locale, service.estimatedWaitRange, { range: 'tile.wait', one: 'tile.waitOne' }) ??
            t(locale, 'tile.noEstimate'));
  const waiting = t(locale, 'tile.waiting', { n: service.waiting });
  const name = service.name[locale];
  const sep = locale === 'zh-CN' ? '，' : ', ';
  const label = [name, ...(closed ? [closed] : [waiting, wait])].join(sep);
  return (
    <button
      type="button"
      class={closed ? 'tile closed' : 'tile'}
      data-service={service.id}
      disabled={closed !== null || blocked}
      aria-label={label}
      onClick={() => props.onChoose(service)}
    >
      <span class="tile-prefix" aria-hidden="true">
        {service.prefix}
      </span>
      <span class="tile-body">
        <span class="tile-name">{name}</span>
        {closed ? (
          <span class="tile-closed">{closed}</span>
        ) : (
          <span class="tile-stats">
            <span class="tile-waiting">{waiting}</span>
            <span class="tile-wait">{wait}</span>
          </span>
        )}
        {!closed && (service.allowPriority || service.requiresPersonId) && (
          <span class="tile-badges">
            {service.allowPriority && <span class="badge green">{t(locale, 'tile.priority')}</span>}
            {service.requiresPersonId && <span class="badge">{t(locale, 'tile.needsId')}</span>}
          </span>
        )}
      </span>
    </button>
  );
}
