import type { Locale, PublicTicketView } from '@guichet/server/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { waitText } from '../components/format';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { beep, soundReady, unlockSound, vibrate } from '../sound';
import { phone, phoneLocale } from '../store';
import { errorText, t } from '../strings';
import { cancelTicket } from './actions';
import { Complaint, Rated } from './Feedback';
import { Rating } from './Rating';

const other = (l: Locale): Locale => (l === 'en' ? 'zh-CN' : 'en');

/**
 * Beeps and vibrates once per call (a recall has a new calledAt and alerts again), and counts
 * the calls this page has seen while the ticket stayed called: 2 and more are recalls.
 */
function useCallAlert(view: PublicTicketView | null): number {
  const alerted = useRef<string | null>(null);
  const calls = useRef<{ id: string; calledAt: number | null; count: number } | null>(null);
  if (view?.status === 'called') {
    const seen = calls.current;
    if (!seen || seen.id !== view.id) calls.current = { id: view.id, calledAt: view.calledAt, count: 1 };
    else if (seen.calledAt !== view.calledAt)
      calls.current = { id: view.id, calledAt: view.calledAt, count: seen.count + 1 };
  } else {
    calls.current = null;
  }
  useEffect(() => {
    if (view?.status !== 'called') return;
    const mark = `${view.id}:${view.calledAt ?? ''}`;
    if (alerted.current === mark) return;
    alerted.current = mark;
    beep();
    vibrate();
  }, [view?.id, view?.status, view?.calledAt]);
  return calls.current?.count ?? 0;
}

export function PhoneApp() {
  const locale = phoneLocale.value;
  const view = phone.view.value;
  const load = phone.load.value;
  const callCount = useCallAlert(view);
  useEffect(() => {
    // Phones keep audio locked until the page is touched once.
    const unlock = () => unlockSound();
    document.addEventListener('pointerdown', unlock, { once: true });
    return () => document.removeEventListener('pointerdown', unlock);
  }, []);
  if (load === 'invalid') {
    return (
      <main class="phone phone-message" lang={locale}>
        <p role="alert">{t(locale, 'phone.invalid')}</p>
      </main>
    );
  }
  if (!view) {
    return (
      <main class="phone phone-message" lang={locale} aria-busy="true">
        <p>{t(locale, 'phone.loading')}</p>
      </main>
    );
  }
  return (
    <div class="phone" lang={locale} data-status={view.status}>
      <header class="phone-head">
        <span class="phone-branch">{view.branchName[locale]}</span>
        <LanguageSwitch locale={locale} onChange={(l) => (phone.chosenLocale.value = l)} />
      </header>
      <HallNotices view={view} locale={locale} />
      <main class="phone-main">
        <TicketHeader view={view} locale={locale} />
        <StatusBody view={view} locale={locale} callCount={callCount} />
        <Complaint locale={locale} />
      </main>
      <footer class="phone-foot" aria-live="polite">
        <span class={phone.live.value ? 'dot live' : 'dot'} aria-hidden="true" />
        {phone.live.value ? t(locale, 'phone.live') : t(locale, 'phone.polling')}
      </footer>
    </div>
  );
}

/**
 * The hall's emergency and notice on every open phone page, pushed with the ticket when they
 * change: in the page's language first, then the other, since a phone may be passed around.
 */
function HallNotices({ view, locale }: { view: PublicTicketView; locale: Locale }) {
  const { emergency, notice } = view.hall;
  const o = other(locale);
  return (
    <>
      {emergency && (
        <section class="phone-hall phone-emergency" role="alert" data-testid="phone-emergency">
          <p class="phone-hall-title">
            {t(locale, 'kiosk.emergency.title')}
            {emergency.stopIssuing && ` · ${t(locale, 'kiosk.emergency.stopped')}`}
          </p>
          <p>{emergency.message[locale]}</p>
          <p class="phone-hall-other" lang={o}>
            {emergency.message[o]}
          </p>
        </section>
      )}
      {notice && (
        <section class="phone-hall phone-notice" role="status" data-testid="phone-notice">
          <p class="phone-hall-title">{t(locale, 'phone.notice')}</p>
          <p>{notice[locale]}</p>
          <p class="phone-hall-other" lang={o}>
            {notice[o]}
          </p>
        </section>
      )}
    </>
  );
}

function TicketHeader({ view, locale }: { view: PublicTicketView; locale: Locale }) {
  return (
    <div class="phone-ticket">
      <p class="phone-label">{t(locale, 'phone.yourNumber')}</p>
      <p class="phone-code" data-code={view.code}>
        {view.code}
      </p>
      <p class="phone-service">{view.service.name[locale]}</p>
    </div>
  );
}

function StatusBody({
  view,
  locale,
  callCount,
}: {
  view: PublicTicketView;
  locale: Locale;
  callCount: number;
}) {
  switch (view.status) {
    case 'waiting':
      return <Waiting view={view} locale={locale} />;
    case 'called': {
      const n = view.counter?.number ?? '?';
      return (
        <section class="called" role="alert" data-called>
          {callCount > 1 && (
            <p class="called-again" data-called-again={callCount}>
              {t(locale, 'phone.calledAgain', { n: callCount })}
            </p>
          )}
          <p class="called-main">{t(locale, 'phone.called', { n })}</p>
          <p class="called-other" lang={other(locale)}>
            {t(other(locale), 'phone.called', { n })}
          </p>
          {view.counter && !view.counter.name[locale].includes(String(view.counter.number)) && (
            <p class="called-name">{view.counter.name[locale]}</p>
          )}
        </section>
      );
    }
    case 'serving':
      return <p class="state">{t(locale, 'phone.serving', { n: view.counter?.number ?? '?' })}</p>;
    case 'parked':
      return <p class="state">{t(locale, 'phone.parked')}</p>;
    case 'done':
      return view.rated || phone.ratedElsewhere.value ? (
        <Rated view={view} locale={locale} />
      ) : (
        <>
          <p class="state">{t(locale, 'phone.done')}</p>
          <Rating locale={locale} />
        </>
      );
    case 'cancelled':
      return <p class="state">{t(locale, 'phone.cancelled')}</p>;
    case 'no_show':
      return <p class="state">{t(locale, 'phone.noShow')}</p>;
    case 'transferred':
      return <p class="state">{t(locale, 'phone.transferred')}</p>;
  }
}

/** Phones only play sound after a tap: one here turns the alert on and plays it once. */
function SoundSwitch({ locale }: { locale: Locale }) {
  const [on, setOn] = useState(soundReady);
  if (on) return <p class="sound-on">{t(locale, 'phone.soundReady')}</p>;
  return (
    <button
      type="button"
      class="sound"
      onClick={() => {
        unlockSound();
        setOn(beep());
      }}
    >
      {t(locale, 'phone.soundOn')}
    </button>
  );
}

function Waiting({ view, locale }: { view: PublicTicketView; locale: Locale }) {
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const wait =
    view.estimateStatus === 'no_counter_open'
      ? t(locale, 'phone.noCounterOpen')
      : view.estimateStatus === 'after_closing'
        ? t(locale, 'phone.afterClosing')
        : (waitText(locale, view.estimatedWaitRange, { range: 'phone.minutes', one: 'phone.minutesOne' }) ??
          t(locale, 'phone.noEstimate'));
  return (
    <section class="waiting">
      <p class="ahead" data-ahead={view.ahead}>
        {view.ahead === 0 ? t(locale, 'phone.next') : t(locale, 'phone.ahead', { n: view.ahead })}
      </p>
      <p class="estimate">
        <span>{t(locale, 'phone.estimate')}</span> <strong>{wait}</strong>
      </p>
      <p class="stay-near">{t(locale, 'phone.stayNear')}</p>
      <SoundSwitch locale={locale} />
      {confirming ? (
        <div class="leave-confirm" role="alertdialog" aria-describedby="leave-text">
          <p id="leave-text">{t(locale, 'phone.leaveConfirm', { code: view.code })}</p>
          <button
            type="button"
            class="danger"
            onClick={async () => {
              const result = await cancelTicket();
              setFailed(result.ok ? null : result.code);
              setConfirming(false);
            }}
          >
            {t(locale, 'phone.leaveYes')}
          </button>
          <button type="button" class="primary" onClick={() => setConfirming(false)}>
            {t(locale, 'phone.leaveNo')}
          </button>
        </div>
      ) : (
        <button type="button" class="leave" onClick={() => setConfirming(true)}>
          {t(locale, 'phone.leave')}
        </button>
      )}
      {failed && (
        <p class="error" role="alert">
          {errorText(locale, failed, 'phone.leaveFailed')}
        </p>
      )}
    </section>
  );
}
