import { Dialog } from '@guichet/counter-ui/staff';
import { useEffect, useState } from 'preact/hooks';
import { getBranches } from '../../api';
import { Outcome } from '../../components/form/Outcome';
import { branchId, locale, session } from '../../store';
import { tb } from '../../strings/config-b';
import { type Account, changeAccount, createAccount, listAccounts } from '../setup/calls';
import { type AccountDraft, AccountFields, draftValid, readPhoto, refusalText, roleName } from './StaffForm';

type Open =
  | { what: 'create' | 'edit'; account: Account | null; draft: AccountDraft }
  | { what: 'password'; account: Account; password: string }
  | { what: 'deactivate'; account: Account }
  | null;

/** A photo fetched with the session's token (an <img> cannot send it) and shown from memory. */
function Photo({ url, token, name }: { url: string | null; token: string; name: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!url || !globalThis.URL?.createObjectURL) return;
    let object: string | null = null;
    void fetch(url, { headers: { authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? r.blob() : null))
      .then((b) => {
        if (!b) return;
        object = URL.createObjectURL(b);
        setSrc(object);
      })
      .catch(() => {});
    return () => {
      if (object) URL.revokeObjectURL(object);
    };
  }, [url, token]);
  if (!url) return <span class="muted">—</span>;
  return src ? <img class="staff-photo" src={src} alt={name} /> : <span class="staff-photo" />;
}

/** Staff accounts: list, create, change, set a password, a photo for the pad; deactivate, never delete. */
export function Staff() {
  const s = session.value!;
  const canAdmin = s.user.role === 'admin';
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [branches, setBranches] = useState<{ id: string; name: string }[]>([]);
  const [open, setOpen] = useState<Open>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = () =>
    listAccounts(s.token, canAdmin ? undefined : (branchId.value ?? undefined))
      .then(setAccounts)
      .catch((e) => setMessage({ ok: false, text: tb('loadFailed', { reason: refusalText(e) }) }));
  useEffect(() => {
    void load();
    void getBranches(s.token)
      .then((list) => setBranches(list.map((b) => ({ id: b.id, name: b.name[locale.value] }))))
      .catch(() => {});
  }, [s.token]);

  const draftOf = (a: Account | null): AccountDraft => ({
    username: a?.username ?? '',
    staffNumber: a?.staffNumber ?? '',
    displayName: a?.displayName ?? '',
    role: a?.role ?? 'clerk',
    branchId: a ? (a.branchId ?? '') : (branchId.value ?? ''),
    password: '',
  });
  /** Runs a change; a refusal stays in the dialog (password rules), success closes it. */
  const save = async (job: () => Promise<string>) => {
    try {
      const done = await job();
      setOpen(null);
      setProblem(null);
      setMessage({ ok: true, text: done });
      await load();
    } catch (e) {
      setProblem(refusalText(e));
    }
  };
  const confirm = () => {
    const o = open;
    if (!o) return;
    if (o.what === 'create' || o.what === 'edit') {
      const d = o.draft;
      const fields = {
        username: d.username,
        displayName: d.displayName.trim(),
        role: d.role,
        branchIds: d.branchId ? [d.branchId] : [],
        staffNumber: d.staffNumber.trim() || null,
      };
      return save(async () => {
        if (o.what === 'create') await createAccount(s.token, { ...fields, password: d.password });
        else await changeAccount(s.token, o.account!.id, fields);
        return tb(o.what === 'create' ? 'accountCreated' : 'accountSaved', { name: fields.displayName });
      });
    }
    if (o.what === 'password')
      return save(async () => {
        await changeAccount(s.token, o.account.id, { password: o.password });
        return tb('passwordSet');
      });
    const account = o.account as Account;
    return save(async () => {
      await changeAccount(s.token, account.id, { active: false });
      return tb('deactivated', { name: account.displayName });
    });
  };
  const setPhoto = async (a: Account, file: File | null) => {
    const read = file ? await readPhoto(file) : null;
    if (read && !read.ok) return setMessage({ ok: false, text: read.problem });
    try {
      await changeAccount(s.token, a.id, { photo: read ? read.dataUrl : null });
      setMessage({ ok: true, text: tb(read ? 'photoSaved' : 'photoRemoved') });
      await load();
    } catch (e) {
      setMessage({ ok: false, text: refusalText(e) });
    }
  };
  const reactivate = (a: Account) =>
    changeAccount(s.token, a.id, { active: true })
      .then(() => setMessage({ ok: true, text: tb('reactivated', { name: a.displayName }) }))
      .then(load)
      .catch((e) => setMessage({ ok: false, text: refusalText(e) }));
  const branchName = (id: string | null) =>
    id ? (branches.find((b) => b.id === id)?.name ?? id) : tb('allBranches');
  const list = accounts ?? [];
  const active = list.filter((a) => a.active).length;

  return (
    <div class="config-screen">
      <Outcome result={message && { kind: message.ok ? 'ok' : 'error', text: message.text }} />
      <section class="panel" aria-labelledby="staff-title">
        <div class="panel-head">
          <h2 id="staff-title">{tb('staffTitle')}</h2>
          <span class="summary">{tb('staffCount', { active, inactive: list.length - active })}</span>
          <button
            type="button"
            class="btn btn-primary"
            data-action="new-account"
            onClick={() => {
              setProblem(null);
              setOpen({ what: 'create', account: null, draft: draftOf(null) });
            }}
          >
            {tb('newAccount')}
          </button>
        </div>
        <table class="grid">
          <thead>
            <tr>
              <th>{tb('colPhoto')}</th>
              <th>{tb('colUsername')}</th>
              <th>{tb('colStaffNumber')}</th>
              <th>{tb('colDisplayName')}</th>
              <th>{tb('colRole')}</th>
              <th>{tb('colBranch')}</th>
              <th>{tb('colStatus')}</th>
              <th>{tb('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id} data-user={a.username} class={a.active ? '' : 'inactive-row'}>
                <td>
                  <Photo url={a.photoUrl} token={s.token} name={a.displayName} />
                </td>
                <td class="mono">{a.username}</td>
                <td class="mono">{a.staffNumber ?? '—'}</td>
                <td class="strong">{a.displayName}</td>
                <td>{roleName(a.role)}</td>
                <td>{branchName(a.branchId)}</td>
                <td>
                  <span class={a.active ? 'status-badge presence-on' : 'status-badge presence-off'}>
                    {a.active ? tb('active') : tb('inactive')}
                  </span>
                </td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="btn btn-small"
                    data-action="edit"
                    onClick={() => {
                      setProblem(null);
                      setOpen({ what: 'edit', account: a, draft: draftOf(a) });
                    }}
                  >
                    {tb('edit')}
                  </button>
                  <button
                    type="button"
                    class="btn btn-small"
                    data-action="password"
                    onClick={() => {
                      setProblem(null);
                      setOpen({ what: 'password', account: a, password: '' });
                    }}
                  >
                    {tb('setPassword')}
                  </button>
                  <label class="btn btn-small file-button">
                    {tb('choosePhoto')}
                    <input
                      type="file"
                      accept="image/jpeg,image/png"
                      data-action="photo"
                      aria-label={`${tb('choosePhoto')}: ${a.displayName}`}
                      onChange={(e) => void setPhoto(a, (e.target as HTMLInputElement).files?.[0] ?? null)}
                    />
                  </label>
                  {a.photoUrl && (
                    <button
                      type="button"
                      class="btn btn-small"
                      data-action="remove-photo"
                      onClick={() => setPhoto(a, null)}
                    >
                      {tb('removePhoto')}
                    </button>
                  )}
                  {a.active ? (
                    <button
                      type="button"
                      class="btn btn-small btn-danger"
                      data-action="deactivate"
                      onClick={() => setOpen({ what: 'deactivate', account: a })}
                    >
                      {tb('deactivate')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      class="btn btn-small"
                      data-action="reactivate"
                      onClick={() => reactivate(a)}
                    >
                      {tb('reactivate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="hint">{tb('photoHint')}</p>
      </section>
      {open && (
        <Dialog
          title={
            open.what === 'create'
              ? tb('newAccount')
              : `${tb(open.what === 'edit' ? 'edit' : open.what === 'password' ? 'setPassword' : 'deactivate')} · ${open.account?.displayName}`
          }
          danger={open.what === 'deactivate'}
          confirmLabel={open.what === 'deactivate' ? tb('deactivate') : tb('save')}
          confirmDisabled={
            open.what === 'password'
              ? open.password === ''
              : open.what !== 'deactivate' && !draftValid(open.draft, open.what === 'create')
          }
          onConfirm={confirm}
          onCancel={() => setOpen(null)}
        >
          {(open.what === 'create' || open.what === 'edit') && (
            <AccountFields
              draft={open.draft}
              creating={open.what === 'create'}
              branches={branches}
              canAdmin={canAdmin}
              onChange={(draft) => setOpen({ ...open, draft })}
            />
          )}
          {open.what === 'password' && (
            <label class="field">
              {tb('newPassword')}
              <input
                name="new-password"
                type="password"
                autoComplete="new-password"
                value={open.password}
                onInput={(e) => setOpen({ ...open, password: (e.target as HTMLInputElement).value })}
              />
              <span class="hint">{tb('passwordPolicy')}</span>
            </label>
          )}
          {open.what === 'deactivate' && <p>{tb('confirmDeactivate', { name: open.account.displayName })}</p>}
          {problem && (
            <p class="error" role="alert" data-testid="dialog-problem">
              {problem}
            </p>
          )}
        </Dialog>
      )}
    </div>
  );
}
