import { LanguageSwitch, useSessionLoad } from '@guichet/counter-ui/staff';
import { useEffect, useState } from 'preact/hooks';
import { connectBranch, getBranches, logout } from '../api';
import { Banner } from '../components/Banner';
import { NavGroups, NavScreens } from '../components/Nav';
import { CONFIG_ROUTES, navigate, ROUTES, route } from '../route';
import {
  branchId,
  connection,
  endSession,
  now,
  resetLive,
  saveSession,
  session,
  snapshot,
  synced,
  t,
  text,
} from '../store';
import { navLabel } from '../strings/nav';
import { AlertRulesScreen } from './alert-rules/AlertRules';
import { Appraisal } from './cases/Appraisal';
import { Cases } from './cases/Cases';
import { Ratings } from './cases/Ratings';
import { Branch } from './config/Branch';
import { Counters } from './config/Counters';
import { Reasons } from './config/Reasons';
import { Services } from './config/Services';
import { FrontDesk } from './FrontDesk';
import { HallOverview } from './HallOverview';
import { Login } from './Login';
import { Monitor } from './monitor/Monitor';
import { Notices } from './Notices';
import { Daily } from './reports/Daily';
import { Reports } from './reports/Reports';
import { CONFIG_B_ROUTES, ConfigB, configBLabel, isConfigB } from './setup/routes-b';

/** Sign-in → the manager's branch (an admin's first) → its live stream → the chosen screen. */
export function App() {
  const s = session.value;
  const [loadError, setLoadError] = useState<string | null>(null);

  useSessionLoad(s, {
    load: async (session) => session.user.branchId ?? (await getBranches(session.token))[0]?.id ?? null,
    loaded: (id) => {
      setLoadError(null);
      branchId.value = id;
      // A hall with no branch yet: the admin is taken to the first-start setup.
      if (!id && s?.user.role === 'admin') navigate('setup');
    },
    failed: setLoadError,
    reset: () => {
      branchId.value = null;
    },
  });

  const bid = branchId.value;
  useEffect(() => {
    if (!s || !bid) return;
    const stream = connectBranch(s.token, bid, {
      onSnapshot: (snap) => {
        snapshot.value = snap;
      },
      onSynced: (v) => {
        synced.value = v;
      },
      onConnection: (c) => {
        connection.value = c;
      },
      onSignedOut: endSession,
    });
    const tick = setInterval(() => {
      now.value = Date.now();
    }, 1000);
    return () => {
      clearInterval(tick);
      stream.close();
      resetLive();
    };
  }, [s?.token, bid]);

  if (!s) return <Login />;
  const signOut = () => {
    void logout(s.token).catch(() => {});
    saveSession(null);
  };
  const snap = snapshot.value;
  const configures = s.user.role === 'manager' || s.user.role === 'admin';
  const visible = ROUTES.filter((r) =>
    isConfigB(r) ? CONFIG_B_ROUTES.shown(r, s.user.role, bid) : configures || !CONFIG_ROUTES.includes(r),
  );
  return (
    <div class="shell">
      <header class="topbar">
        <div class="brand">
          <strong>{t('appTitle')}</strong>
          {snap && <span class="branch-name">{text(snap.branch.name)}</span>}
        </div>
        <NavGroups visible={visible} />
        <div class="topbar-tools">
          <span class={`live-dot ${connection.value}`} role="status">
            {connection.value === 'online' ? t('online') : t('resyncing')}
          </span>
          <span class="who">
            {t('signedInAs', { name: s.user.displayName, role: t(`role_${s.user.role}`) })}
          </span>
          <LanguageSwitch />
          <button type="button" class="btn btn-ghost" onClick={signOut} data-testid="sign-out">
            {t('signOut')}
          </button>
        </div>
      </header>
      <NavScreens visible={visible} label={(r) => (isConfigB(r) ? configBLabel(r) : navLabel(r))} />
      {/* A hall with no branch has no stream to wait for (the first-start setup). */}
      {bid && <Banner />}
      {loadError && (
        <div class="banner banner-error" role="alert">
          {loadError}
        </div>
      )}
      <main class="content" id="main">
        {isConfigB(route.value) && (route.value === 'setup' || snap) ? (
          <ConfigB route={route.value} />
        ) : !snap ? (
          <p class="loading">{t('loading')}</p>
        ) : route.value === 'monitor' ? (
          <Monitor />
        ) : route.value === 'desk' ? (
          <FrontDesk />
        ) : route.value === 'notices' ? (
          <Notices />
        ) : configures && route.value === 'branch' ? (
          <Branch />
        ) : configures && route.value === 'services' ? (
          <Services />
        ) : configures && route.value === 'counters' ? (
          <Counters />
        ) : configures && route.value === 'reasons' ? (
          <Reasons />
        ) : configures && route.value === 'alert-rules' ? (
          <AlertRulesScreen />
        ) : route.value === 'reports' ? (
          <Reports />
        ) : route.value === 'daily' ? (
          <Daily />
        ) : route.value === 'cases' ? (
          <Cases />
        ) : route.value === 'ratings' ? (
          <Ratings />
        ) : route.value === 'appraisal' ? (
          <Appraisal />
        ) : (
          <HallOverview />
        )}
      </main>
    </div>
  );
}
