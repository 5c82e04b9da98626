import { Dialog } from '@guichet/counter-ui/staff';
import type { LocalizedText } from '@guichet/server/protocol';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { endEmergency, setNotice, startEmergency } from '../api';
import { BilingualText } from '../components/BilingualText';
import { Check } from '../components/form/Check';
import { trimmedText } from '../components/form/localized';
import { clockTime } from '../components/time';
import { branchId, busy, canAct, failureText, locale, session, snapshot, t } from '../store';
import { EMERGENCY_PRESETS, NOTICE_PRESETS } from '../strings';

type Pending = 'setNotice' | 'clearNotice' | 'startEmergency' | 'endEmergency';
const EMPTY: LocalizedText = { 'zh-CN': '', en: '' };
const filled = (v: LocalizedText) => v['zh-CN'].trim() !== '' && v.en.trim() !== '';

/** The hall notice and the emergency stop: each started and ended with one confirmation. */
export function Notices() {
  const branch = snapshot.value!.branch;
  const [notice, setNoticeText] = useState<LocalizedText>(EMPTY);
  const [emergency, setEmergencyText] = useState<LocalizedText>(EMPTY);
  const [stopIssuing, setStopIssuing] = useState(true);
  const [pending, setPending] = useState<Pending | null>(null);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const run = async (what: Pending) => {
    setPending(null);
    const token = session.value?.token;
    const id = branchId.value;
    if (!token || !id) return;
    busy.value = true;
    try {
      if (what === 'setNotice') await setNotice(token, id, trimmedText(notice));
      else if (what === 'clearNotice') await setNotice(token, id, null);
      else if (what === 'startEmergency')
        await startEmergency(token, id, trimmedText(emergency), stopIssuing);
      else await endEmergency(token, id);
      const done = {
        setNotice: 'noticeSet',
        clearNotice: 'noticeCleared',
        startEmergency: 'emergencyStarted',
        endEmergency: 'emergencyEnded',
      } as const;
      setResult({ kind: 'ok', text: t(done[what]) });
    } catch (e) {
      setResult({ kind: 'error', text: failureText(e) });
    } finally {
      busy.value = false;
    }
  };
  const confirmText: Record<Pending, string> = {
    setNotice: t('confirmSetNotice'),
    clearNotice: t('confirmClearNotice'),
    startEmergency: t('confirmStartEmergency'),
    endEmergency: t('confirmEndEmergency'),
  };
  const preview: LocalizedText | null =
    pending === 'setNotice'
      ? notice
      : pending === 'startEmergency'
        ? emergency
        : pending === 'clearNotice'
          ? branch.notice
          : (branch.emergency?.message ?? null);

  return (
    <div class="notices">
      {result && (
        <p
          class={result.kind === 'ok' ? 'notice-ok wide' : 'error wide'}
          role={result.kind === 'ok' ? 'status' : 'alert'}
        >
          {result.text}
        </p>
      )}
      <section class="panel" aria-labelledby="notice-title">
        <h2 id="notice-title">{t('noticeTitle')}</h2>
        <Current
          label={t('noticeCurrent')}
          none={t('noticeNone')}
          value={branch.notice}
          testid="current-notice"
        >
          {branch.notice && (
            <button
              type="button"
              class="btn"
              data-action="clear-notice"
              disabled={!canAct.value}
              onClick={() => setPending('clearNotice')}
            >
              {t('clearNotice')}
            </button>
          )}
        </Current>
        <BilingualText
          name="notice"
          value={notice}
          presets={NOTICE_PRESETS}
          readerLocale={locale.value}
          onChange={setNoticeText}
        />
        {!filled(notice) && <p class="hint">{t('bothLanguagesRequired')}</p>}
        <button
          type="button"
          class="btn btn-primary btn-large"
          data-action="set-notice"
          disabled={!canAct.value || !filled(notice)}
          onClick={() => setPending('setNotice')}
        >
          {t('setNotice')}
        </button>
      </section>
      <section class={branch.emergency ? 'panel panel-emergency' : 'panel'} aria-labelledby="emergency-title">
        <h2 id="emergency-title">{t('emergencyTitle')}</h2>
        {branch.emergency ? (
          <>
            <Current
              label={t('emergencySince', { time: clockTime(branch.emergency.since, branch.timezone) })}
              none=""
              value={branch.emergency.message}
              testid="current-emergency"
            />
            {branch.emergency.stopIssuing && <p class="strong">{t('emergencyIssuingStopped')}</p>}
            <button
              type="button"
              class="btn btn-primary btn-large"
              data-action="end-emergency"
              disabled={!canAct.value}
              onClick={() => setPending('endEmergency')}
            >
              {t('endEmergency')}
            </button>
          </>
        ) : (
          <>
            <p class="muted" data-testid="current-emergency">
              {t('emergencyNone')}
            </p>
            <BilingualText
              name="emergency"
              value={emergency}
              presets={EMERGENCY_PRESETS}
              readerLocale={locale.value}
              onChange={setEmergencyText}
            />
            <Check name="stop-issuing" checked={stopIssuing} onChange={setStopIssuing}>
              {t('emergencyStopIssuing')}
            </Check>
            {!filled(emergency) && <p class="hint">{t('bothLanguagesRequired')}</p>}
            <button
              type="button"
              class="btn btn-danger btn-large"
              data-action="start-emergency"
              disabled={!canAct.value || !filled(emergency)}
              onClick={() => setPending('startEmergency')}
            >
              {t('startEmergency')}
            </button>
          </>
        )}
      </section>
      {pending && (
        <Dialog
          title={confirmText[pending]}
          danger={pending === 'startEmergency'}
          confirmLabel={t(pending)}
          onCancel={() => setPending(null)}
          onConfirm={() => void run(pending)}
        >
          {preview && <Bilingual value={preview} />}
        </Dialog>
      )}
    </div>
  );
}

/** What the hall shows now, with the action that takes it down beside it. */
function Current({
  label,
  none,
  value,
  testid,
  children,
}: {
  label: string;
  none: string;
  value: LocalizedText | null;
  testid: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="current-message" data-testid={testid}>
      <div>
        <span class="muted">{label}</span>
        {value ? <Bilingual value={value} /> : <p class="muted">{none}</p>}
      </div>
      {children}
    </div>
  );
}

function Bilingual({ value }: { value: LocalizedText }) {
  return (
    <div class="bilingual-view">
      <p lang="zh-CN">{value['zh-CN']}</p>
      <p lang="en">{value.en}</p>
    </div>
  );
}
