import { Banner } from '../components/Banner';
import { canCommand, session, snapshot, t, text } from '../store';

interface Props {
  onChoose(counterId: string): void;
  onSignOut(away?: boolean): void;
}

/** The counters of the branch; a counter open for another clerk cannot be taken. */
export function ChooseCounter({ onChoose, onSignOut }: Props) {
  const snap = snapshot.value;
  const me = session.value?.user.id;
  const role = session.value?.user.role;
  // The counter this person still holds (a lost or expired session, or stepped away): take it back.
  const mine = snap?.counters.find((c) => c.state !== 'closed' && c.clerkId === me);
  return (
    <div class="center-screen">
      <div class="card choose">
        <div class="card-head">
          <h1>{t('chooseCounter')}</h1>
          <button type="button" class="btn btn-ghost" onClick={() => onSignOut()}>
            {t('signOut')}
          </button>
        </div>
        <Banner />
        {(role === 'manager' || role === 'admin') && (
          <p class="manager-link" data-testid="manager-link">
            {t('managerAreaHint')}{' '}
            <a class="btn btn-primary" href="/manager/">
              {t('managerArea')}
            </a>
          </p>
        )}
        {mine && (
          <p class="resume">
            <button
              type="button"
              class="btn btn-primary"
              data-testid="resume-counter"
              disabled={!canCommand.value}
              onClick={() => onChoose(mine.id)}
            >
              {t('resumeAt', { number: mine.number })}
            </button>
          </p>
        )}
        {!snap ? (
          <p>{t('loading')}</p>
        ) : (
          <div class="counter-grid">
            {snap.counters
              .slice()
              .sort((a, b) => a.number - b.number)
              .map((c) => {
                const other = c.state !== 'closed' && c.clerkId !== null && c.clerkId !== me;
                const services = c.services
                  .map((s) => snap.services.find((x) => x.id === s.serviceId)?.prefix)
                  .filter(Boolean)
                  .join(' ');
                return (
                  <button
                    key={c.id}
                    type="button"
                    class="counter-choice"
                    data-counter={c.id}
                    disabled={other || !canCommand.value}
                    onClick={() => onChoose(c.id)}
                  >
                    <strong>{t('counterNumber', { number: c.number })}</strong>
                    <span>{text(c.name)}</span>
                    <span class="services">{services}</span>
                    <span class={`state-badge ${c.state}`}>
                      {c.state === 'closed'
                        ? t('counterClosedShort')
                        : t('counterOpenBy', { name: c.clerkName ?? '' })}
                    </span>
                  </button>
                );
              })}
          </div>
        )}
      </div>
    </div>
  );
}
