import { call, MonitorStream, mergeAlert, type SocketFactory } from '@guichet/server/kit';
import type { AlertView, MonitorSnapshot } from '@guichet/server/protocol';
import { useEffect, useState } from 'preact/hooks';

/**
 * The live monitor's state on the kit's MonitorStream: the figures (each snapshot whole), the
 * alerts held (open ones from every snapshot, changes as they are pushed, recently resolved
 * ones read once per (re)sync — never polled), and whether the stream can be believed.
 */
export type MonitorStatus = 'connecting' | 'online' | 'syncing' | 'offline' | 'refused';

/** No figures for this long while "online" means the stream silently stopped: say so. */
export const STALE_MS = 40_000;
/** How many resolved alerts the panel keeps to show. */
export const RESOLVED_SHOWN = 8;

export interface MonitorLive {
  figures: MonitorSnapshot | null;
  /** When the figures arrived here (local clock): elapsed times tick from it, skew-free. */
  receivedAt: number;
  alerts: AlertView[];
  status: MonitorStatus;
  /** The latest newly raised alert, for the screen reader's live region. */
  raised: AlertView | null;
  acknowledge(id: string): Promise<void>;
}

export const ackAlert = (token: string, id: string) => call('alert:ack', { token, params: { id } });
const resolvedAlerts = (token: string, branchId: string) =>
  call('branch:alerts', { token, params: { branchId }, query: { status: 'cleared', limit: RESOLVED_SHOWN } });

/** A snapshot's open alerts, plus the resolved ones already held (snapshots carry open ones only). */
function withSnapshot(held: readonly AlertView[], open: readonly AlertView[]): AlertView[] {
  const next = held.filter((a) => a.clearedAt !== null && !open.some((o) => o.id === a.id));
  return open.reduce(mergeAlert, next);
}

export function useMonitorLive(opts: {
  token: string;
  branchId: string;
  socket?: SocketFactory;
  onSignedOut(): void;
}): MonitorLive {
  const { token, branchId } = opts;
  const [figures, setFigures] = useState<MonitorSnapshot | null>(null);
  const [receivedAt, setReceivedAt] = useState(0);
  const [alerts, setAlerts] = useState<AlertView[]>([]);
  const [status, setStatus] = useState<MonitorStatus>('connecting');
  const [raised, setRaised] = useState<AlertView | null>(null);

  useEffect(() => {
    let live = true;
    const readResolved = () =>
      resolvedAlerts(token, branchId)
        .then((list) => live && setAlerts((held) => list.reduce(mergeAlert, held)))
        .catch(() => {});
    const stream = new MonitorStream(
      { token, branchId, socket: opts.socket },
      {
        onSnapshot: (snap) => {
          setFigures(snap);
          setReceivedAt(Date.now());
          setAlerts((held) => withSnapshot(held, snap.alerts));
        },
        onAlert: (a) => {
          // A raise is the only change with updatedAt still at raisedAt and nobody's acknowledgement.
          if (a.raisedAt === a.updatedAt && a.acknowledgedAt === null && a.clearedAt === null) setRaised(a);
          setAlerts((held) => mergeAlert(held, a));
        },
        onStatus: (s) => {
          setStatus(s.synced ? 'online' : s.connected ? 'syncing' : 'offline');
          if (s.synced) void readResolved();
        },
        onRejected: (code) => (code === 'UNAUTHENTICATED' ? opts.onSignedOut() : setStatus('refused')),
      },
    ).start();
    return () => {
      live = false;
      stream.stop();
    };
  }, [token, branchId]);

  const acknowledge = async (id: string) => {
    const after = await ackAlert(token, id);
    setAlerts((held) => mergeAlert(held, after));
  };
  return { figures, receivedAt, alerts, status, raised, acknowledge };
}
