import { Clock } from '../components/Clock';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { kiosk, kioskLocale } from '../store';
import { t } from '../strings';
import { setKioskLocale } from './actions';
import { Confirmation, isUnprinted } from './Confirmation';
import { Home } from './Home';
import { IssueOptions } from './IssueOptions';
import { EmergencyOverlay, OfflineBanner, PendingOverlay, ProblemDialog } from './Overlays';

export function KioskApp() {
  const locale = kioskLocale.value;
  const pairing = kiosk.pairing.value;
  if (pairing === 'code-refused') {
    // For the person pairing it: both languages at once, whatever the kiosk's language.
    return (
      <main class="kiosk kiosk-message" data-testid="pairing-refused">
        <h1 lang="zh-CN">{t('zh-CN', 'kiosk.codeRefused.title')}</h1>
        <p lang="zh-CN">{t('zh-CN', 'kiosk.codeRefused.body')}</p>
        <h1 lang="en">{t('en', 'kiosk.codeRefused.title')}</h1>
        <p lang="en">{t('en', 'kiosk.codeRefused.body')}</p>
      </main>
    );
  }
  if (pairing === 'unpaired' || pairing === 'rejected') {
    return (
      <main class="kiosk kiosk-message" lang={locale}>
        <h1>{t(locale, pairing === 'unpaired' ? 'kiosk.unpaired.title' : 'kiosk.rejected.title')}</h1>
        <p>{t(locale, pairing === 'unpaired' ? 'kiosk.unpaired.body' : 'kiosk.rejected.body')}</p>
      </main>
    );
  }
  const snapshot = kiosk.snapshot.value;
  const offline = pairing === 'paired' && !kiosk.connected.value;
  if (!snapshot) {
    return (
      <main class="kiosk kiosk-message" lang={locale} aria-busy="true">
        {offline && <OfflineBanner locale={locale} />}
        <h1>{t(locale, 'kiosk.connecting')}</h1>
      </main>
    );
  }
  const screen = kiosk.screen.value;
  const emergency = snapshot.branch.emergency;
  const notice = snapshot.branch.notice;
  // A ticket just issued but not printed stays in view above the notice: the citizen has no
  // paper and must photograph it.
  const keptTicket = emergency && screen.name === 'ticket' && isUnprinted(screen.ticket) ? screen : null;
  return (
    <div class="kiosk" lang={locale}>
      <header class="kiosk-head">
        <h1 class="hall-name">{snapshot.branch.name[locale]}</h1>
        <Clock timeZone={snapshot.branch.timezone} locale={locale} />
        <LanguageSwitch locale={locale} onChange={setKioskLocale} />
      </header>
      {offline && <OfflineBanner locale={locale} />}
      {notice && <p class="hall-notice">{notice[locale]}</p>}
      <main class="kiosk-main">
        {screen.name === 'home' && <Home />}
        {screen.name === 'options' && <IssueOptions key={screen.serviceId} serviceId={screen.serviceId} />}
        {screen.name === 'ticket' && !keptTicket && (
          <Confirmation key={screen.ticket.id} ticket={screen.ticket} serviceId={screen.serviceId} />
        )}
      </main>
      {kiosk.pending.value && <PendingOverlay locale={locale} />}
      <ProblemDialog locale={locale} />
      {emergency && (
        <EmergencyOverlay notice={emergency} locale={locale}>
          {keptTicket && (
            <Confirmation
              key={keptTicket.ticket.id}
              ticket={keptTicket.ticket}
              serviceId={keptTicket.serviceId}
            />
          )}
        </EmergencyOverlay>
      )}
    </div>
  );
}
