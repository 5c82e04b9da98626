import { t, today } from '../store';
import { clock } from './time';

/** The signed-in clerk's day at this counter. */
export function TodayPanel() {
  const d = today.value;
  return (
    <section class="panel today" aria-label={t('today')}>
      <h2>{t('today')}</h2>
      <dl>
        <div>
          <dt>{t('served')}</dt>
          <dd data-testid="today-served">{d ? d.served : '–'}</dd>
        </div>
        <div>
          <dt>{t('averageService')}</dt>
          <dd>{d?.averageServiceSeconds != null ? clock(d.averageServiceSeconds * 1000) : '–'}</dd>
        </div>
        <div>
          <dt>{t('noShows')}</dt>
          <dd>{d ? d.noShows : '–'}</dd>
        </div>
        <div>
          <dt>{t('ratings')}</dt>
          <dd>
            {d ? d.ratings.count : '–'}
            {d?.ratings.average != null && (
              <small> {t('ratingAverage', { avg: d.ratings.average.toFixed(1) })}</small>
            )}
            {d && d.ratings.bad > 0 && <small class="bad"> {t('badRatings', { n: d.ratings.bad })}</small>}
          </dd>
        </div>
      </dl>
    </section>
  );
}
