import type { Outcome } from '@guichet/server/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as actions from '../actions';
import { ActionPad, enabledActions } from '../components/ActionPad';
import { Banner } from '../components/Banner';
import { CurrentTicket } from '../components/CurrentTicket';
import { ParkedList } from '../components/ParkedList';
import { ReasonDialog } from '../components/ReasonDialog';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { SupervisorAlerts } from '../components/SupervisorAlerts';
import { TodayPanel } from '../components/TodayPanel';
import { TransferDialog } from '../components/TransferDialog';
import { WaitingList } from '../components/WaitingList';
import { MyRecord } from '../record/MyRecord';
import { rt } from '../record/strings';
import { type ActionId, actionForKey, keyName } from '../shortcuts';
import { Dialog } from '../staff';
import {
  canCommand,
  counter,
  currentTicket,
  locale,
  now,
  parkedTickets,
  selectedTicketId,
  servicesById,
  session,
  setLocale,
  snapshot,
  t,
  text,
  waitingRows,
} from '../store';

type FinishOutcome = Extract<Outcome, 'served' | 'served_incomplete' | 'referred'>;
const OUTCOMES: FinishOutcome[] = ['served', 'served_incomplete', 'referred'];
type DialogKind = 'pause' | 'close' | 'noShow' | 'transfer' | 'shortcuts' | 'record' | null;

interface Props {
  /** Absent when the counter is fixed by the address (`?counter=`). */
  onChangeCounter?: () => void;
  /** `away`: keep the counter (paused "away", a current ticket stays); else it is closed. */
  onSignOut(away?: boolean): void;
}

/** The clerk's one working screen. */
export function Console({ onChangeCounter, onSignOut }: Props) {
  const [dialog, setDialogState] = useState<DialogKind>(null);
  // Read by the key handler and by act(): updated at once, not on the next render, so a key
  // pressed right after the one that opened a dialog cannot send a command behind it.
  const dialogRef = useRef<DialogKind>(null);
  const setDialog = (next: DialogKind) => {
    dialogRef.current = next;
    setDialogState(next);
  };
  const [outcome, setOutcome] = useState<FinishOutcome>('served');
  const c = counter.value;
  const current = currentTicket.value;

  // Timers tick; the clerk's day refreshes now and then.
  useEffect(() => {
    const tick = setInterval(() => {
      now.value = Date.now();
    }, 1000);
    void actions.refreshToday();
    const day = setInterval(() => void actions.refreshToday(), 60_000);
    return () => {
      clearInterval(tick);
      clearInterval(day);
    };
  }, []);

  const act = (a: ActionId) => {
    if (dialogRef.current || !canCommand.value) return;
    if (!enabledActions(counter.value, currentTicket.value, selectedTicketId.value).has(a)) return;
    switch (a) {
      case 'callNext':
        return void actions.callNext();
      case 'recall':
        return void actions.recall();
      case 'start':
        return void actions.start();
      case 'finish':
        return void actions.finish(outcome).then((r) => r && setOutcome('served'));
      case 'park':
        return void actions.park();
      case 'rating':
        return void actions.askRating();
      case 'callSelected':
        return selectedTicketId.value ? void actions.callTicket(selectedTicketId.value) : undefined;
      case 'pause':
        return counter.value?.state === 'paused' ? void actions.resume() : setDialog('pause');
      case 'noShow':
        return setDialog('noShow');
      case 'transfer':
        return setDialog('transfer');
      case 'close':
        return setDialog('close');
    }
  };

  // Keyboard: the configured keys drive the console; arrows move the selection in the lists.
  const actRef = useRef(act);
  actRef.current = act;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogRef.current) return;
      const action = actionForKey(keyName(e));
      if (action) {
        e.preventDefault();
        // A held key repeats: one press is one command (a held F2 would recall past the limit
        // and the server would mark the citizen a no-show).
        if (e.repeat) return;
        actRef.current(action);
        return;
      }
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (!typing && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        moveSelection(e.key === 'ArrowDown' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!c) return <p class="loading">{t('loading')}</p>;
  const served = c.services
    .map((s) => servicesById.value.get(s.serviceId))
    .filter((s) => s !== undefined)
    .map((s) => s.prefix)
    .join(' ');

  return (
    <div class="console" data-state={c.state}>
      <header class="topbar">
        <div class="counter-title">
          <strong>{t('counterNumber', { number: c.number })}</strong>
          <span class="services">{served}</span>
          <span class={`state-badge ${c.state}`} data-testid="counter-state">
            {t(`state_${c.state}`)}
          </span>
          {c.state === 'paused' && c.pauseReason && (
            <span class="pause-reason">
              {text(snapshot.value?.branch.pauseReasons?.find((r) => r.code === c.pauseReason)?.label) ||
                c.pauseReason}
            </span>
          )}
        </div>
        <div class="topbar-tools">
          <span class="clerk">{session.value?.user.displayName}</span>
          <button
            type="button"
            class="btn btn-ghost"
            data-testid="my-record-open"
            onClick={() => setDialog('record')}
          >
            {rt('myRecord')}
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setDialog('shortcuts')}>
            {t('shortcuts')}
          </button>
          <button
            type="button"
            class="btn btn-ghost"
            data-testid="language"
            onClick={() => setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('language')}
          </button>
          {onChangeCounter && (
            <button type="button" class="btn btn-ghost" onClick={onChangeCounter}>
              {t('changeCounter')}
            </button>
          )}
          <button
            type="button"
            class="btn btn-ghost"
            data-testid="sign-out-away"
            onClick={() => onSignOut(true)}
          >
            {t('signOutAway')}
          </button>
          <button type="button" class="btn btn-ghost" data-testid="sign-out" onClick={() => onSignOut(false)}>
            {t('signOutClose')}
          </button>
        </div>
      </header>
      <Banner />
      <SupervisorAlerts />
      <main class="console-grid">
        <div class="work">
          {c.state === 'closed' ? (
            <section class="current empty">
              <div class="current-none">{t('state_closed')}</div>
              <button
                type="button"
                class="btn btn-primary btn-large"
                disabled={!canCommand.value}
                onClick={() => void actions.openCounter()}
              >
                {t('openCounter')}
              </button>
            </section>
          ) : (
            <CurrentTicket />
          )}
          <div class="outcomes" role="radiogroup" aria-label={t('outcome')}>
            <span>{t('outcome')}</span>
            {OUTCOMES.map((o) => (
              <label key={o} class={outcome === o ? 'choice picked' : 'choice'}>
                <input
                  type="radio"
                  name="outcome"
                  value={o}
                  checked={outcome === o}
                  disabled={!current}
                  onChange={() => setOutcome(o)}
                />
                {t(`outcome_${o}`)}
              </label>
            ))}
          </div>
          <ActionPad onAction={act} />
        </div>
        <aside class="side">
          <WaitingList onCall={(id) => void actions.callTicket(id)} />
          <ParkedList onCall={(id) => void actions.callTicket(id)} />
          <TodayPanel />
        </aside>
      </main>
      {dialog === 'pause' && (
        <ReasonDialog
          title={t('pauseTitle')}
          label={t('pauseReason')}
          configured={snapshot.value?.branch.pauseReasons}
          reasons={[
            'reason_lunch',
            'reason_meeting',
            'reason_paperwork',
            'reason_consult',
            'reason_technical',
            'reason_other',
          ]}
          confirmLabel={t('act_pause')}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            void actions.pause(reason);
          }}
        />
      )}
      {dialog === 'close' && (
        <ReasonDialog
          title={t('closeTitle')}
          label={t('closeReason')}
          configured={snapshot.value?.branch.closeReasons}
          question={t('closeConfirm', { number: c.number })}
          reasons={[
            'closeReason_endOfShift',
            'closeReason_handover',
            'closeReason_technical',
            'reason_other',
          ]}
          danger
          confirmLabel={t('act_close')}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            void actions.close(reason);
          }}
        />
      )}
      {dialog === 'noShow' && current && (
        <Dialog
          title={t('noShowTitle')}
          danger
          confirmLabel={t('act_noShow')}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void actions.noShow();
          }}
        >
          <p class="question" data-autofocus="" tabIndex={-1}>
            {t('noShowConfirm', { code: current.code })}
          </p>
        </Dialog>
      )}
      {dialog === 'transfer' && current && (
        <TransferDialog
          code={current.code}
          onCancel={() => setDialog(null)}
          onConfirm={(target) => {
            setDialog(null);
            void actions.transfer(target);
          }}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === 'record' && <MyRecord onClose={() => setDialog(null)} />}
    </div>
  );
}

/** Arrow keys walk the waiting list, then the parked list. */
function moveSelection(step: 1 | -1): void {
  const ids = [...waitingIds(), ...parkedTickets.value.map((x) => x.id)];
  if (ids.length === 0) return;
  const at = selectedTicketId.value ? ids.indexOf(selectedTicketId.value) : -1;
  const next = at < 0 ? (step === 1 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + step));
  selectedTicketId.value = ids[next] ?? null;
}

const waitingIds = (): string[] => waitingRows.value.map((r) => r.ticket.id);
