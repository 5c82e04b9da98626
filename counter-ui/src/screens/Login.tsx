import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, login } from '../api';
import { failureText, locale, saveSession, setLocale, signedOutBecause, t } from '../store';

/** Sign in with a username or a staff number (工号) and a password. */
export function Login() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) return;
    setPending(true);
    setError(null);
    try {
      const res = await login(username.trim(), password);
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
    <div class="center-screen">
      <form class="card login" onSubmit={submit}>
        <div class="card-head">
          <h1>{t('loginTitle')}</h1>
          <button
            type="button"
            class="btn btn-ghost"
            onClick={() => setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('language')}
          </button>
        </div>
        <label class="field">
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            ref={first}
            value={username}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </label>
        {signedOutBecause.value === 'expired' && !error && (
          <p class="session-ended" role="status" data-testid="session-ended">
            {t('sessionExpired')}
          </p>
        )}
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
    </div>
  );
}
