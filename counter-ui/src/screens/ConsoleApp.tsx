import { useEffect, useState } from 'preact/hooks';
import * as actions from '../actions';
import { getBranches, getMe, logout } from '../api';
import { connectBranch } from '../socket';
import { useSessionLoad } from '../staff';
import { counterId, notice, resetLive, saveSession, session, snapshot, synced, t } from '../store';
import { ChooseCounter } from './ChooseCounter';
import { Console } from './Console';
import { Login } from './Login';

const COUNTER_KEY = 'guichet.counter.counterId';

/** Sign-in → branch stream → counter → console. `?counter=ctr-3` fixes the counter for this PC. */
export function ConsoleApp() {
  const s = session.value;
  const fixed = new URLSearchParams(location.search).get('counter');
  const [branchId, setBranchId] = useState<string | null>(null);
  const [autoOpened, setAutoOpened] = useState(false);

  // Which branch: the clerk's own, else the first one the server lists.
  useSessionLoad(s, {
    load: async (session, live) => {
      if (!fixed && !sessionStorage.getItem(COUNTER_KEY)) {
        const me = await getMe(session.token);
        if (live() && me.kind === 'user' && me.counterId) chooseCounterId(me.counterId);
      }
      return session.user.branchId ?? (await getBranches(session.token))[0]?.id ?? null;
    },
    loaded: (id) => {
      if (notice.value?.kind === 'error') notice.value = null;
      setBranchId(id);
    },
    failed: (text) => {
      notice.value = { kind: 'error', text };
    },
  });

  useEffect(() => {
    if (!s || !branchId) return;
    const stream = connectBranch(s.token, branchId);
    actions.onResync(() => stream.resync());
    return () => {
      stream.close();
      resetLive();
    };
  }, [s?.token, branchId]);

  // A console fixed to one counter opens it once the first snapshot is in.
  useEffect(() => {
    counterId.value = fixed ?? sessionStorage.getItem(COUNTER_KEY);
    setAutoOpened(false);
  }, [fixed, s?.token]);
  const snapReady = synced.value && !!snapshot.value;
  useEffect(() => {
    if (!fixed || !snapReady || autoOpened) return;
    setAutoOpened(true);
    const c = snapshot.value?.counters.find((x) => x.id === fixed);
    if (c?.state === 'closed') void actions.openCounter();
  }, [fixed, snapReady, autoOpened]);

  if (!s) return <Login />;
  const signOut = (away = false) => {
    void logout(s.token, away ? 'away' : 'close').catch(() => {});
    sessionStorage.removeItem(COUNTER_KEY);
    counterId.value = null;
    saveSession(null);
  };
  if (!counterId.value) {
    return (
      <ChooseCounter
        onSignOut={signOut}
        onChoose={(id) => {
          chooseCounterId(id);
          const c = snapshot.value?.counters.find((x) => x.id === id);
          // Opening one's own open counter signs this session back in to it (taking it back).
          if (c && (c.state === 'closed' || c.clerkId === s.user.id)) void actions.openCounter();
        }}
      />
    );
  }
  if (!snapshot.value) return <p class="loading">{t('loading')}</p>;
  return (
    <Console
      onSignOut={signOut}
      onChangeCounter={
        fixed
          ? undefined
          : () => {
              sessionStorage.removeItem(COUNTER_KEY);
              counterId.value = null;
            }
      }
    />
  );
}

function chooseCounterId(id: string): void {
  sessionStorage.setItem(COUNTER_KEY, id);
  counterId.value = id;
}
