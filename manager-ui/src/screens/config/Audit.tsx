import { InputField } from '@guichet/counter-ui/staff';
import { useEffect, useState } from 'preact/hooks';
import { branchId, failureText, session } from '../../store';
import { tb } from '../../strings/config-b';
import { type Account, type AuditEntry, listAccounts, readAudit } from '../setup/calls';
import { dateTime } from './DevicesPairing';

const PAGE = 50;
const DAY = 24 * 3600_000;
const dayInput = (at: number) =>
  new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00`).getTime();

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** The changed fields, with dotted paths into nested subjects (`counter.state: "idle" → "calling"`). */
function diff(before: Record<string, unknown>, after: Record<string, unknown>, path: string, out: string[]) {
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[k];
    const a = after[k];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (isObject(b) && isObject(a)) diff(b, a, `${path}${k}.`, out);
    else out.push(`${path}${k}: ${show(b)} → ${show(a)}`);
  }
}

/**
 * What changed between before and after, field by field (the audit keeps whole copies). A queue
 * action has neither (its event says what happened): its detail is shown instead.
 */
export function changes(before: unknown, after: unknown, detail?: unknown): string {
  const none = (v: unknown) => v === null || v === undefined;
  if (none(before) && none(after)) return isObject(detail) ? show(detail) : '—';
  if (none(before)) return `${tb('created')}: ${show(after)}`;
  if (!isObject(before) || !isObject(after)) return `${show(before)} → ${show(after)}`;
  const out: string[] = [];
  diff(before, after, '', out);
  return out.join('; ') || '—';
}

/** The audit log: who did what, when, from where, before → after; filtered and paged. */
export function Audit() {
  const s = session.value!;
  const [from, setFrom] = useState(dayInput(Date.now() - 6 * DAY));
  const [to, setTo] = useState(dayInput(Date.now()));
  const [actor, setActor] = useState('');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [people, setPeople] = useState<Account[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const load = (p: number) =>
    readAudit(s.token, {
      ...(s.user.role === 'admin' ? {} : { branchId: branchId.value ?? undefined }),
      from: startOf(from),
      to: startOf(to) + DAY - 1,
      ...(actor ? { actor } : {}),
      limit: PAGE + 1,
      offset: p * PAGE,
    })
      .then((r) => {
        setRows(r);
        setPage(p);
        setProblem(null);
      })
      .catch((e) => setProblem(tb('loadFailed', { reason: failureText(e) })));
  useEffect(() => {
    void load(0);
    listAccounts(s.token, s.user.role === 'admin' ? undefined : (branchId.value ?? undefined))
      .then(setPeople)
      .catch(() => {});
  }, [s.token]);
  const who = (e: AuditEntry) =>
    e.actorKind === 'user'
      ? (people.find((p) => p.id === e.actorId)?.displayName ?? e.actorId)
      : e.actorKind === 'device'
        ? `${tb('device')} ${e.actorId}`
        : tb('anonymous');
  const shown = (rows ?? []).slice(0, PAGE);
  const more = (rows?.length ?? 0) > PAGE;

  return (
    <div class="config-screen">
      <section class="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">{tb('auditTitle')}</h2>
        <form
          class="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void load(0);
          }}
        >
          <InputField label={tb('from')} type="date" name="from" value={from} onValue={setFrom} />
          <InputField label={tb('to')} type="date" name="to" value={to} onValue={setTo} />
          <label class="field">
            {tb('actor')}
            <select
              name="actor"
              value={actor}
              onChange={(e) => setActor((e.target as HTMLSelectElement).value)}
            >
              <option value="">{tb('anyone')}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName} ({p.username})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="btn btn-primary" data-action="show">
            {tb('show')}
          </button>
        </form>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        {rows && !shown.length && <p class="muted">{tb('noEntries')}</p>}
        {shown.length > 0 && (
          <table class="grid audit-grid">
            <thead>
              <tr>
                <th>{tb('colWhen')}</th>
                <th>{tb('colWho')}</th>
                <th>{tb('colWhere')}</th>
                <th>{tb('colAction')}</th>
                <th>{tb('colTarget')}</th>
                <th>{tb('colChange')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id} data-audit={e.action}>
                  <td class="nowrap">{dateTime(e.at)}</td>
                  <td>{who(e)}</td>
                  <td class="mono">{e.ip ?? '—'}</td>
                  <td class="mono">{e.action}</td>
                  <td class="mono">{e.target ?? '—'}</td>
                  <td class="audit-change">{changes(e.before, e.after, e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div class="pager">
          <button
            type="button"
            class="btn"
            data-action="prev"
            disabled={page === 0}
            onClick={() => load(page - 1)}
          >
            {tb('prevPage')}
          </button>
          <span>{tb('pageOf', { page: page + 1 })}</span>
          <button
            type="button"
            class="btn"
            data-action="next"
            disabled={!more}
            onClick={() => load(page + 1)}
          >
            {tb('nextPage')}
          </button>
        </div>
      </section>
    </div>
  );
}
