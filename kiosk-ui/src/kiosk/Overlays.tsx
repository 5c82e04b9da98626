import type { EmergencyNotice, Locale } from '@guichet/server/protocol';
import type { ComponentChildren } from 'preact';
import { kiosk } from '../store';
import { t } from '../strings';
import { goHome, issueTicket } from './actions';

export function OfflineBanner({ locale }: { locale: Locale }) {
  return (
    <div class="offline" role="alert" data-offline>
      <strong>{t(locale, 'kiosk.offline.title')}</strong>
      <span>{t(locale, 'kiosk.offline.body')}</span>
    </div>
  );
}

/**
 * Covers everything: during an emergency the kiosk shows the notice, in both languages, and
 * issues nothing. `children` is a ticket just issued but not printed, kept in view above it.
 */
export function EmergencyOverlay({
  notice,
  locale,
  children,
}: {
  notice: EmergencyNotice;
  locale: Locale;
  children?: ComponentChildren;
}) {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const kept = Boolean(children);
  return (
    <div
      class={kept ? 'emergency with-ticket' : 'emergency'}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="emergency-title"
      data-emergency
    >
      <div class="emergency-notice">
        <h2 id="emergency-title" class="emergency-title">
          {t(locale, 'kiosk.emergency.title')}
          <span class="emergency-title-other" lang={other}>
            {t(other, 'kiosk.emergency.title')}
          </span>
        </h2>
        <p class="emergency-message">{notice.message[locale]}</p>
        <p class="emergency-other" lang={other}>
          {notice.message[other]}
        </p>
        <p class="emergency-stopped">
          {t(locale, 'kiosk.emergency.stopped')}
          <span class="emergency-stopped-other" lang={other}>
            {t(other, 'kiosk.emergency.stopped')}
          </span>
        </p>
      </div>
      {kept && <div class="emergency-ticket">{children}</div>}
    </div>
  );
}

export function PendingOverlay({ locale }: { locale: Locale }) {
  return (
    <div class="pending" role="status" aria-live="assertive">
      <span class="spinner" aria-hidden="true" />
      {t(locale, 'issue.pending')}
    </div>
  );
}

export function ProblemDialog({ locale }: { locale: Locale }) {
  const problem = kiosk.problem.value;
  if (!problem) return null;
  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="alertdialog" aria-modal="true" aria-describedby="problem-text" data-problem>
        <p id="problem-text">{problem.message}</p>
        <div class="dialog-buttons">
          {problem.retry && (
            <button type="button" class="primary" onClick={() => void issueTicket(problem.request)}>
              {t(locale, 'issue.retry')}
            </button>
          )}
          <button type="button" onClick={goHome}>
            {t(locale, 'options.back')}
          </button>
        </div>
      </div>
    </div>
  );
}
