import { connection, notice, synced, t } from '../store';

/** The connection banner (commands blocked until resynced) and the last command's notice. */
export function Banner() {
  const n = notice.value;
  return (
    <>
      {connection.value !== 'online' ? (
        <div class="banner offline" role="alert" data-testid="offline-banner">
          {t('offline')}
        </div>
      ) : (
        !synced.value && (
          <div class="banner syncing" role="status">
            {t('resyncing')}
          </div>
        )
      )}
      {n && (
        <div
          class={`banner notice ${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          {n.text}
        </div>
      )}
    </>
  );
}
