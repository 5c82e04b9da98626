import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, login, logout } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { failureText, saveSession, signedOutBecause, t } from '../store';

/**
 * Sign in with a username or staff number. Only managers and admins get in; a clerk's new
 * session is ended at once and the clerk is sent, in both languages, to the counter console.
 */
export function Login() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [clerk, setClerk] = useState(false);
  const [pending, setPending] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) return;
    setPending(true);
    setError(null);
    setClerk(false);
    try {
      const res = await login(username.trim(), password);
      if (res.user.role === 'clerk') {
        void logout(res.token).catch(() => {});
        setClerk(true);
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
            <h1 id="login-title">{t('loginTitle')}</h1>
            <p class="hint">{t('loginHint')}</p>
          </div>
          <LanguageSwitch />
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
        {signedOutBecause.value === 'expired' && !error && !clerk && (
          <p class="session-ended" role="status">
            {t('sessionExpired')}
          </p>
        )}
        {clerk && (
          <div class="refusal" role="alert" data-testid="clerk-refused">
            <p lang="zh-CN">{t('clerkRefused')}</p>
            <p lang="en">{t('clerkRefusedEn')}</p>
            <a class="btn btn-primary" href="/counter/">
              {t('goToCounter')}
            </a>
          </div>
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
    </main>
  );
}
