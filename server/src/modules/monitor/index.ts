import type { MonitorStore } from '@guichet/db';
import type { Logger } from 'pino';
import type { Kernel } from '../../kernel/index.js';
import type { Principal } from '../auth/auth.js';
import { Monitor, registerMonitorProjections } from './monitor.js';
import { attachMonitorSocket } from './socket.js';

export type { Monitor } from './monitor.js';
export { monitorRoutes } from './routes.js';

/** Waits grow and pauses lengthen without any event: the rules are checked this often too. */
const TICK_MS = 15_000;
/** A burst of commits is evaluated and pushed once. */
const SETTLE_MS = 250;
const PUSH_MS = 1_000;

/**
 * The live monitor and its alerts: rules per branch, alerts evaluated after each commit that
 * touches a branch and every 15 s, pushed to the branch's monitor room after their commit.
 */
export function createMonitor(
  kernel: Kernel,
  store: MonitorStore,
  deps: {
    io: Parameters<typeof attachMonitorSocket>[0];
    resolve(token: string): Principal | null;
    clerkName(id: string): string | null;
    log: Logger;
  },
) {
  const { bus } = kernel;
  registerMonitorProjections(kernel.registry, store);
  const monitor = new Monitor(bus, store, deps.clerkName);
  const socket = attachMonitorSocket(deps.io, {
    resolve: deps.resolve,
    snapshot: (branchId) => (monitor.hasBranch(branchId) ? monitor.snapshot(branchId) : null),
  });
  const toEvaluate = new Set<string>();
  const toPush = new Set<string>();
  let evaluateTimer: NodeJS.Timeout | null = null;
  let pushTimer: NodeJS.Timeout | null = null;
  const evaluate = () => {
    evaluateTimer = null;
    const branches = [...toEvaluate];
    toEvaluate.clear();
    for (const b of branches)
      void monitor.evaluate(b).then((r) => {
        if (!r.ok) deps.log.warn({ branchId: b, code: r.error.code }, 'alert evaluation refused');
      });
  };
  const push = () => {
    pushTimer = null;
    for (const b of toPush) if (socket.watched(b) && monitor.hasBranch(b)) socket.update(monitor.snapshot(b));
    toPush.clear();
  };
  bus.onCommitted('monitor', (batch) => {
    for (const e of batch.events) {
      if (e.type === 'alert.raised') socket.alert('alert:raised', monitor.named(e.alert));
      else if (e.type.startsWith('alert.') && 'alert' in e)
        socket.alert('alert:updated', monitor.named(e.alert));
      if (!e.branchId) continue;
      toPush.add(e.branchId);
      // Alerts' own commits do not evaluate again (no loop); everything else may change a condition.
      if (!e.type.startsWith('alert.')) toEvaluate.add(e.branchId);
    }
    if (toEvaluate.size && !evaluateTimer) evaluateTimer = setTimeout(evaluate, SETTLE_MS).unref();
    if (toPush.size && !pushTimer) pushTimer = setTimeout(push, PUSH_MS).unref();
  });
  const tick = setInterval(() => {
    for (const b of bus.state.branches.keys()) {
      toEvaluate.add(b);
      toPush.add(b);
    }
    evaluate();
    if (!pushTimer) pushTimer = setTimeout(push, 0).unref();
  }, TICK_MS).unref();
  return {
    monitor,
    /** Evaluates every branch now (at start, and in tests). */
    evaluateAll: () => Promise.all([...bus.state.branches.keys()].map((b) => monitor.evaluate(b))),
    stop() {
      clearInterval(tick);
      if (evaluateTimer) clearTimeout(evaluateTimer);
      if (pushTimer) clearTimeout(pushTimer);
    },
  };
}
