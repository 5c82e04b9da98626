import { useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/Banner';
import { session } from '../../store';
import { type AppraisalEntry, type AppraisalRecord, addEntry, ct, decideAppeal, refusal, stamp } from './lib';

/** The day's inspection entries (巡查) of one clerk: her answers and appeals, the decisions, a new entry. */
export function AppraisalEntries({
  record,
  date,
  onChanged,
}: {
  record: AppraisalRecord;
  date: string;
  onChanged: () => void;
}) {
  const [observation, setObservation] = useState('');
  const [evidence, setEvidence] = useState('');
  const [points, setPoints] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      onChanged();
    } catch (e) {
      setError(refusal(e));
    }
    setBusy(false);
  };
  const n = Number(points);
  const valid = observation.trim() !== '' && Number.isInteger(n) && n >= -100 && n <= 100;
  return (
    <div class="entries">
      <h3>{ct('entries')}</h3>
      <ErrorBanner error={error} />
      <ul class="entry-list">
        {record.entries.map((e) => (
          <Entry key={e.id} e={e} busy={busy} decide={(body) => act(() => decideAppeal(e.id, body))} />
        ))}
      </ul>
      <form
        class="step-form"
        data-testid="entry-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (!valid || busy) return;
          void act(async () => {
            await addEntry(record.userId, {
              date,
              observation: observation.trim(),
              points: n,
              ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
            });
            setObservation('');
            setEvidence('');
            setPoints('0');
          });
        }}
      >
        <h4>{ct('addEntry')}</h4>
        <label class="field wide">
          <span>{ct('observation')}</span>
          <textarea
            name="observation"
            maxLength={1000}
            rows={2}
            value={observation}
            onInput={(e) => setObservation(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{ct('evidence')}</span>
          <input
            name="evidence"
            maxLength={1000}
            value={evidence}
            onInput={(e) => setEvidence(e.currentTarget.value)}
          />
        </label>
        <label class="field narrow">
          <span>{ct('points')}</span>
          <input
            name="points"
            type="number"
            min={-100}
            max={100}
            step={1}
            value={points}
            onInput={(e) => setPoints(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="btn btn-primary" disabled={!valid || busy}>
          {ct('save')}
        </button>
      </form>
    </div>
  );
}

function Entry({
  e,
  busy,
  decide,
}: {
  e: AppraisalEntry;
  busy: boolean;
  decide: (body: { outcome: 'upheld' | 'overturned'; text: string }) => void;
}) {
  const [why, setWhy] = useState('');
  const canDecide = session.value?.user.role === 'manager' || session.value?.user.role === 'admin';
  const pending = e.appeal?.status === 'pending';
  return (
    <li class="entry" data-entry={e.id}>
      <p>
        <strong>{e.points > 0 ? `+${e.points}` : e.points}</strong> {e.observation}
      </p>
      {e.evidence && <p class="sub">{`${ct('evidence')}: ${e.evidence}`}</p>}
      <p class="sub">{`${ct('author')}: ${e.authorName ?? e.authorId} · ${stamp(e.at)}`}</p>
      {e.answer && (
        <p class="answer">
          {`${e.answer.appeal ? ct('appeal') : ct('answer')}: `}
          <span class="citizen-words">{e.answer.text}</span>
        </p>
      )}
      {e.appeal && (
        <p class={`appeal appeal-${e.appeal.status}`} data-appeal={e.appeal.status}>
          {e.appeal.status === 'pending'
            ? ct('appealPending')
            : e.appeal.status === 'upheld'
              ? ct('appealUpheld')
              : ct('appealOverturned')}
          {e.appeal.decision ? ` — ${e.appeal.decision}` : ''}
        </p>
      )}
      {pending && canDecide && (
        <div class="decide">
          <label class="field wide">
            <span>{ct('decisionText')}</span>
            <input value={why} maxLength={1000} onInput={(ev) => setWhy(ev.currentTarget.value)} />
          </label>
          <button
            type="button"
            class="btn"
            disabled={busy || !why.trim()}
            onClick={() => decide({ outcome: 'upheld', text: why.trim() })}
          >
            {ct('uphold')}
          </button>
          <button
            type="button"
            class="btn"
            disabled={busy || !why.trim()}
            onClick={() => decide({ outcome: 'overturned', text: why.trim() })}
          >
            {ct('overturn')}
          </button>
        </div>
      )}
    </li>
  );
}
