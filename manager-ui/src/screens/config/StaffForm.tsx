import { InputField } from '@guichet/counter-ui/staff';
import { PHOTO_MAX_BYTES } from '@guichet/server/protocol';
import { ApiError } from '../../api';
import { failureText, t } from '../../store';
import { type StringKeyB, tb } from '../../strings/config-b';

/** The account fields the manager fills in: a new account, or a change to one. */
export interface AccountDraft {
  username: string;
  staffNumber: string;
  displayName: string;
  role: 'clerk' | 'supervisor' | 'manager' | 'admin';
  branchId: string;
  password: string;
}
export const ROLES = ['clerk', 'supervisor', 'manager', 'admin'] as const;
export const USERNAME = /^[A-Za-z0-9._-]{2,32}$/;
const STAFF_NUMBER = /^[A-Za-z0-9-]{0,16}$/;

/** The server's password rules (auth/password-policy.ts) by the English reason it answers. */
const POLICY: [RegExp, StringKeyB][] = [
  [/at least \d+ characters/, 'pw_too_short'],
  [/at most \d+ characters/, 'pw_too_long'],
  [/common password/, 'pw_common'],
  [/username, staff number or name/, 'pw_personal'],
  [/repeated or sequential/, 'pw_pattern'],
];
/** A refusal in the reader's language; a refused password says which rule it broke. */
export function refusalText(e: unknown): string {
  if (e instanceof ApiError && e.code === 'PASSWORD_REJECTED') {
    const hit = POLICY.find(([re]) => re.test(e.message));
    return hit ? tb(hit[1]) : tb('pw_other', { message: e.message });
  }
  // Nobody locks herself out, and an admin always remains (admin/lockout.ts on the server).
  if (e instanceof ApiError && e.code === 'OWN_ACCOUNT_LOCKOUT')
    return tb(/admin role/.test(e.message) ? 'lockout_role' : 'lockout_self');
  if (e instanceof ApiError && e.code === 'LAST_ADMIN') return tb('lockout_last');
  return failureText(e);
}

export const draftValid = (d: AccountDraft, creating: boolean) =>
  USERNAME.test(d.username) &&
  STAFF_NUMBER.test(d.staffNumber) &&
  d.displayName.trim() !== '' &&
  (!creating || d.password !== '') &&
  (d.role === 'admin' || d.branchId !== '');

export function AccountFields({
  draft,
  creating,
  branches,
  canAdmin,
  onChange,
}: {
  draft: AccountDraft;
  creating: boolean;
  branches: { id: string; name: string }[];
  canAdmin: boolean;
  onChange(d: AccountDraft): void;
}) {
  const input = (key: keyof AccountDraft, label: string, hint?: string, type = 'text') => (
    <InputField
      label={label}
      name={`account-${key}`}
      type={type}
      autoComplete={type === 'password' ? 'new-password' : 'off'}
      value={draft[key]}
      onValue={(v) => onChange({ ...draft, [key]: v })}
      after={hint && <span class="hint">{hint}</span>}
    />
  );
  return (
    <div class="form-grid">
      {input('username', tb('colUsername'), tb('usernameHint'))}
      {input('staffNumber', tb('colStaffNumber'), tb('staffNumberHint'))}
      {input('displayName', tb('colDisplayName'))}
      <label class="field">
        {tb('colRole')}
        <select
          name="account-role"
          value={draft.role}
          onChange={(e) =>
            onChange({ ...draft, role: (e.target as HTMLSelectElement).value as AccountDraft['role'] })
          }
        >
          {ROLES.filter((r) => r !== 'admin' || canAdmin).map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {tb('colBranch')}
        <select
          name="account-branch"
          value={draft.branchId}
          onChange={(e) => onChange({ ...draft, branchId: (e.target as HTMLSelectElement).value })}
        >
          {draft.role === 'admin' && <option value="">{tb('allBranches')}</option>}
          {branches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      {creating && input('password', tb('newPassword'), tb('passwordPolicy'), 'password')}
    </div>
  );
}

export const roleName = (r: AccountDraft['role']) => t(`role_${r}`);

/** Reads a picked file as a data URL after checking its type and size here (the server checks again). */
export function readPhoto(
  file: File,
): Promise<{ ok: true; dataUrl: string } | { ok: false; problem: string }> {
  if (file.type !== 'image/jpeg' && file.type !== 'image/png')
    return Promise.resolve({ ok: false, problem: tb('photoWrongType') });
  if (file.size > PHOTO_MAX_BYTES)
    return Promise.resolve({
      ok: false,
      problem: tb('photoTooLarge', { size: Math.ceil(file.size / 1024) }),
    });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ ok: true, dataUrl: String(reader.result) });
    reader.onerror = () => resolve({ ok: false, problem: tb('photoWrongType') });
    reader.readAsDataURL(file);
  });
}
