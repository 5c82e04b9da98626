import { connection, snapshot, synced, t, text } from '../store';

/** Offline / resyncing, and the hall's emergency while it is on: what a manager must not miss. */
export function Banner() {
  const emergency = snapshot.value?.branch.emergency ?? null;
  return (
    <>
      {connection.value === 'offline' ? (
        <div class="banner banner-error" role="alert">
          {t('offline')}
        </div>
      ) : (
        !synced.value && (
          <div class="banner banner-info" role="status">
            {t('resyncing')}
          </div>
        )
      )}
      {emergency && (
        <div class="banner banner-emergency" role="alert" data-testid="emergency-banner">
          {t('emergencyBanner', { message: text(emergency.message) })}
          {emergency.stopIssuing && ` ${t('emergencyStopsIssuing')}`}
        </div>
      )}
    </>
  );
}

/** A failure said where it happened (a screen's load, a refused step), or nothing without one. */
export function ErrorBanner(props: { error: string | null; testId?: string }) {
  if (!props.error) return null;
  return (
    <p class="banner banner-error" role="alert" data-testid={props.testId}>
      {props.error}
    </p>
  );
}
