import { ApiError, call } from '@guichet/server/kit';
import type { UserView } from '@guichet/server/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { InputField } from './InputField';
import { LanguageSwitch } from './LanguageSwitch';
import { staff } from './store';

interface Props {
  /** The screen's own sign-in title and hint, in the reader's language. */
  title: string;
  hint?: string;
  /** Whether this user may use this screen; a refused user's new session is ended at once. */
  admit?(user: UserView): boolean;
  /** Said to a refused user instead of signing in. */
  refusal?: ComponentChildren;
}

/** Sign in with a username or a staff number (工号) and a password. */
export function Login({ title, hint, admit, refusal }: Props) {
  const { t, failureText, saveSession, signedOutBecause } = staff();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const [pending, setPending] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) return;
    setPending(true);
    setError(null);
    setRefused(false);
    try {
      const res = await call('auth:login', { body: { username: username.trim(), password } });
      if (admit && !admit(res.user)) {
        void call('auth:logout', { token: res.token }).catch(() => {});
        setRefused(true);
        setPassword('');
        return;
      }
      saveSession({ token: res.token, user: res.user });
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 400)
          ? t('loginFailed')
          : failureText(err),
      );
    } finally {
      setPending(false);
    }
  };
  return (
    <main class="center-screen">
      <form class="card login" onSubmit={submit} aria-labelledby="login-title">
        <div class="card-head">
          <div>
            <h1 id="login-title">{title}</h1>
            {hint && <p class="hint">{hint}</p>}
          </div>
          <LanguageSwitch />
        </div>
        <InputField
          label={t('username')}
          name="username"
          autoComplete="username"
          inputRef={first}
          value={username}
          onValue={setUsername}
        />
        <InputField
          label={t('password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
        />
        {signedOutBecause.value === 'expired' && !error && !refused && (
          <p class="session-ended" role="status" data-testid="session-ended">
            {t('sessionExpired')}
          </p>
        )}
        {refused && refusal}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          class="btn btn-primary btn-large"
          disabled={pending || !username.trim() || !password}
        >
          {pending ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
