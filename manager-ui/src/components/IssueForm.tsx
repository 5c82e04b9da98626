import { newIdempotencyKey } from '@guichet/server/kit';
import type { IssuedTicket, Locale } from '@guichet/server/protocol';
import { useRef, useState } from 'preact/hooks';
import { issueTicket } from '../api';
import {
  branchId,
  busy,
  canAct,
  failureText,
  locale,
  servicesById,
  session,
  snapshot,
  t,
  text,
} from '../store';
import { Radios } from './form/Check';

/** The kit's key (getRandomValues where a hall PC on plain http:// has no randomUUID), as 32 hex digits. */
export const newDeskKey = (): string => `desk-${newIdempotencyKey().replaceAll('-', '')}`;

const PERSON_ID = /^[0-9A-Za-z -]{6,24}$/;

/** The mask every staff screen shows (the server's): all but the last 4 characters hidden. */
export function maskedPerson(raw: string): string {
  const v = raw.replace(/[ -]/g, '');
  const tail = v.length >= 8 ? 4 : 0;
  return '*'.repeat(v.length - tail) + v.slice(v.length - tail);
}

/**
 * Issues a ticket for a walk-in citizen. Priority is offered only where the service allows it
 * and the phone/ID field only where the service needs it. One Idempotency-Key per filled-in
 * form: sending the same form again (after a lost reply) can never give a second number.
 */
export function IssueForm() {
  const services = snapshot.value?.services ?? [];
  const [serviceId, setServiceId] = useState('');
  const [priority, setPriority] = useState(false);
  const [personId, setPersonId] = useState('');
  const [ticketLocale, setTicketLocale] = useState<Locale>(locale.value);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedTicket | null>(null);
  const key = useRef(newDeskKey());
  const service = servicesById.value.get(serviceId);
  // Any change makes it another request, with a key of its own.
  const edit = (fn: () => void) => {
    fn();
    key.current = newDeskKey();
    setError(null);
  };
  const needsPerson = service?.requiresPersonId ?? false;
  const personOk = !needsPerson || PERSON_ID.test(personId.trim());
  const ready = !!service && personOk && canAct.value;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready || !service || !branchId.value || !session.value) return;
    busy.value = true;
    setError(null);
    try {
      const res = await issueTicket(
        session.value.token,
        branchId.value,
        {
          serviceId: service.id,
          priority: service.allowPriority && priority,
          locale: ticketLocale,
          ...(needsPerson ? { personId: personId.trim() } : {}),
        },
        key.current,
      );
      setIssued(res);
      key.current = newDeskKey();
    } catch (err) {
      setError(failureText(err));
    } finally {
      busy.value = false;
    }
  };

  if (issued) {
    const s = servicesById.value.get(issued.serviceId);
    return (
      <div class="issued" role="status" data-testid="issued">
        <p class="issued-label">{t('issuedTitle')}</p>
        <p class="issued-code" data-testid="issued-code">
          {issued.code}
        </p>
        <p>
          {text(s?.name)} · {t(`class_${issued.ticketClass}`)}
        </p>
        <p>
          {t('issuedAhead', { n: issued.ahead })}
          {issued.estimatedWaitRange &&
            ` · ${t('issuedWait', { low: issued.estimatedWaitRange[0], high: issued.estimatedWaitRange[1] })}`}
          {issued.estimateStatus === 'after_closing' && ` · ${t('issuedAfterClosing')}`}
        </p>
        <button
          type="button"
          class="btn btn-primary btn-large"
          onClick={() => {
            setIssued(null);
            setPersonId('');
            setPriority(false);
          }}
        >
          {t('issueAnother')}
        </button>
      </div>
    );
  }

  return (
    <form class="issue-form" onSubmit={submit} aria-labelledby="issue-title">
      <label class="field">
        {t('issueService')}
        <select
          name="service"
          value={serviceId}
          onChange={(e) => edit(() => setServiceId((e.target as HTMLSelectElement).value))}
        >
          <option value="" disabled>
            —
          </option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.prefix} · {text(s.name)}
              {!s.open && s.closedReason
                ? ` ${t('serviceClosedNow', { reason: t(`closed_${s.closedReason}`) })}`
                : ''}
            </option>
          ))}
        </select>
      </label>
      {service?.allowPriority && (
        <label class="check">
          <input
            type="checkbox"
            name="priority"
            checked={priority}
            onChange={(e) => edit(() => setPriority((e.target as HTMLInputElement).checked))}
          />
          {t('issuePriority')}
        </label>
      )}
      {needsPerson && (
        <label class="field">
          {t('issuePersonId')}
          {/* Staff screens show no more than the mask: the number is typed hidden, its last 4 shown. */}
          <input
            name="personId"
            type="password"
            autoComplete="off"
            inputMode="text"
            maxLength={24}
            aria-invalid={personId.length > 0 && !personOk}
            value={personId}
            onInput={(e) => edit(() => setPersonId((e.target as HTMLInputElement).value))}
          />
          <span class="hint">{t('issuePersonHint')}</span>
          {/* A span, not an <output>: inside the label an <output> would be labelled as the field too. */}
          <span class="person-mask" data-testid="person-mask" aria-live="polite">
            {maskedPerson(personId)}
          </span>
        </label>
      )}
      <fieldset class="choices inline">
        <legend>{t('issueLocale')}</legend>
        <Radios
          name="ticket-locale"
          options={['zh-CN', 'en'] as const}
          picked={ticketLocale}
          onPick={(l) => edit(() => setTicketLocale(l))}
          label={(l) => <span lang={l}>{l === 'zh-CN' ? '中文' : 'English'}</span>}
        />
      </fieldset>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-large" disabled={!ready} data-action="issue">
        {busy.value ? t('issuing_') : t('issueSubmit')}
      </button>
    </form>
  );
}
