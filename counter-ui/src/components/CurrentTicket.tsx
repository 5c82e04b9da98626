import { counter, currentTicket, locale, now, servicesById, t, text } from '../store';
import { clock } from './time';

/** The ticket at the counter: code, service, class, timer and how it got here. */
export function CurrentTicket() {
  const c = counter.value;
  const tk = currentTicket.value;
  if (!c) return null;
  if (!tk) {
    return (
      <section class="current empty" aria-label={t('currentTicket')}>
        <div class="current-label">{t('currentTicket')}</div>
        <div class="current-none">{t('noCurrentTicket')}</div>
        {c.state === 'idle' && <div class="current-hint">{t('pressCallNext')}</div>}
        {c.state === 'paused' && (
          <div class="current-hint">{t('pausedBecause', { reason: c.pauseReason ?? '' })}</div>
        )}
      </section>
    );
  }
  const service = servicesById.value.get(tk.serviceId);
  const origin = tk.originServiceId ? servicesById.value.get(tk.originServiceId) : null;
  const serving = tk.status === 'serving' && tk.startedAt;
  const since = serving ? tk.startedAt! : (tk.calledAt ?? now.value);
  const time = clock(now.value - since);
  return (
    <section class={`current ${tk.status}`} aria-label={t('currentTicket')}>
      <div class="current-label">
        {t('currentTicket')} · <span class="state">{t(serving ? 'state_serving' : 'state_calling')}</span>
      </div>
      <div class="current-main">
        <div class="current-code" data-testid="current-code">
          {tk.code}
        </div>
        <div class="current-meta">
          <div class="current-service">{text(service?.name)}</div>
          <div>
            <span class={`class-badge ${tk.ticketClass}`}>{t(`class_${tk.ticketClass}`)}</span>
          </div>
          <div class="timer" data-testid="timer">
            {t(serving ? 'servingFor' : 'calledFor', { time })}
          </div>
        </div>
      </div>
      <ul class="history">
        <li data-testid="call-count">{t('callCount', { count: tk.callCount })}</li>
        {tk.callRule && (
          <li title={tk.callRuleDetail ?? ''}>
            {t(`rule_${tk.callRule}`)}
            {/* The server's sentence is English; in Chinese the translated rule stands alone (the sentence stays in the tooltip). */}
            {locale.value === 'en' && tk.callRuleDetail ? ` (${tk.callRuleDetail})` : ''}
          </li>
        )}
        {origin && <li>{t('transferredFrom', { service: `${origin.prefix} ${text(origin.name)}` })}</li>}
        {tk.targetCounterId === c.id && <li>{t('transferredToCounter')}</li>}
        {tk.personMasked && <li>{t('personMasked', { value: tk.personMasked })}</li>}
      </ul>
    </section>
  );
}
