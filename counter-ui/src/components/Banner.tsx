import { connection, notice, snapshot, synced, t } from '../store';
import { STRINGS } from '../strings';

/**
 * The hall's emergency and notice, as set from /manager and kept live by the branch stream. Both
 * languages at once: a clerk may have to read it out to citizens in either.
 */
export function HallBanner() {
  const branch = snapshot.value?.branch;
  const e = branch?.emergency;
  const n = branch?.notice;
  if (!e && !n) return null;
  const [zh, en] = [STRINGS['zh-CN'], STRINGS.en];
  return (
    <>
      {e && (
        <div class="banner hall emergency" role="alert" data-testid="hall-emergency">
          <strong>
            {zh.hallEmergency} · {en.hallEmergency}
            {e.stopIssuing && ` — ${zh.issuingStopped} · ${en.issuingStopped}`}
          </strong>
          <p class="hall-text" lang="zh-CN">
            {e.message['zh-CN']}
          </p>
          <p class="hall-text" lang="en">
            {e.message.en}
          </p>
        </div>
      )}
      {n && (
        <div class="banner hall hall-notice" role="status" data-testid="hall-notice">
          <strong>
            {zh.hallNotice} · {en.hallNotice}
          </strong>
          <p class="hall-text" lang="zh-CN">
            {n['zh-CN']}
          </p>
          <p class="hall-text" lang="en">
            {n.en}
          </p>
        </div>
      )}
    </>
  );
}

/** The hall's emergency and notice, the connection banner (commands blocked until resynced) and the last command's notice. */
export function Banner() {
  const n = notice.value;
  return (
    <>
      <HallBanner />
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
