import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.js';
import type { AlertView, MonitorSnapshot } from '../../protocol/monitor.js';
import type { Principal } from '../auth/auth.js';
import { canReadReports } from '../reports/access.js';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;
const room = (branchId: string) => `monitor:${branchId}`;
const SNAPSHOTS_PER_MINUTE = 20;

/**
 * `monitor:subscribe {branchId}`: managers and supervisors of the branch (admins: any) join the
 * branch's monitor room and get its snapshot; then `monitor:updated`, `alert:raised` and
 * `alert:updated` as they happen. The session is looked up again on every subscribe.
 */
export function attachMonitorSocket(
  io: Io,
  deps: {
    resolve(token: string): Principal | null;
    snapshot(branchId: string): MonitorSnapshot | null;
  },
) {
  io.on('connection', (socket) => {
    const asked: number[] = [];
    socket.on('monitor:subscribe', (req, ack) => {
      if (typeof ack !== 'function') return;
      const token = (socket.data as { token?: string }).token;
      const p = token ? deps.resolve(token) : null;
      if (!p) return ack({ ok: false, error: { code: 'FORBIDDEN', message: 'sign in first' } });
      if (!req || typeof req.branchId !== 'string' || !req.branchId)
        return ack({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'branchId is required' } });
      if (!canReadReports(p, req.branchId))
        return ack({
          ok: false,
          error: { code: 'FORBIDDEN', message: `not allowed to watch branch ${req.branchId}` },
        });
      const now = Date.now();
      while (asked.length && now - asked[0]! > 60_000) asked.shift();
      if (asked.length >= SNAPSHOTS_PER_MINUTE)
        return ack({ ok: false, error: { code: 'TOO_MANY_REQUESTS', message: 'too many snapshots' } });
      asked.push(now);
      const snapshot = deps.snapshot(req.branchId);
      if (!snapshot)
        return ack({
          ok: false,
          error: { code: 'BRANCH_NOT_FOUND', message: `branch ${req.branchId} does not exist` },
        });
      socket.join(room(req.branchId));
      ack({ ok: true, data: snapshot });
    });
  });
  const watched = (branchId: string) => (io.sockets.adapter.rooms.get(room(branchId))?.size ?? 0) > 0;
  return {
    watched,
    update: (s: MonitorSnapshot) => io.to(room(s.branchId)).emit('monitor:updated', s),
    alert: (event: 'alert:raised' | 'alert:updated', a: AlertView) => io.to(room(a.branchId)).emit(event, a),
    /** A signed-out or demoted session leaves the monitor rooms at the next subscribe; sockets of ended sessions are closed by realtime. */
  };
}
