import { useIdle } from '../components/useIdle';
import { issuingBlocked, kiosk, kioskLocale } from '../store';
import { t } from '../strings';
import { chooseService, resetForNextCitizen } from './actions';
import { ServiceTile } from './ServiceTile';

export function Home() {
  const snapshot = kiosk.snapshot.value;
  const locale = kioskLocale.value;
  const blocked = issuingBlocked.value || kiosk.pending.value;
  // A language picked by the last citizen goes back to the hall's default.
  useIdle(kiosk.timings.value.idleSeconds, resetForNextCitizen, kiosk.chosenLocale.value !== null);
  if (!snapshot) return null;
  const services = snapshot.services;
  return (
    <section class="home" aria-labelledby="pick">
      <h2 id="pick" class="pick">
        {snapshot.branch.open ? t(locale, 'kiosk.pick') : t(locale, 'kiosk.hallClosed')}
      </h2>
      <div class={`tiles count-${Math.min(services.length, 8)}`}>
        {services.map((s) => (
          <ServiceTile key={s.id} service={s} locale={locale} blocked={blocked} onChoose={chooseService} />
        ))}
      </div>
    </section>
  );
}
