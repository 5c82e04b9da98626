import type { EmergencyNotice, Locale } from '@guichet/server/protocol';
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

/** Covers everything: during an emergency the kiosk only shows the notice. */
export function EmergencyOverlay({ notice, locale }: { notice: EmergencyNotice; locale: Locale }) {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <div
      class="emergency"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="emergency-title"
      data-emergency
    >
      <h2 id="emergency-title">{t(locale, 'kiosk.emergency.title')}</h2>
      <p class="emergency-message">{notice.message[locale]}</p>
      <p class="emergency-other" lang={other}>
        {notice.message[other]}
      </p>
      <p class="emergency-stopped">{t(locale, 'kiosk.emergency.stopped')}</p>
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
