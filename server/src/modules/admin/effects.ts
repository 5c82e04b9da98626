import type { Logger } from 'pino';
import type { Counter } from '../../core/index.js';
import type { CommittedBatch, Kernel } from '../../kernel/index.js';
import type { ServiceView } from '../../protocol/index.js';
import type { DeviceRecord } from '../devices/index.js';
import { serviceView } from '../queue/views.js';
import { newCounter } from './projections.js';
import type { AdminService } from './service.js';

export interface ConfigSinks {
  publish(branchId: string, extra: { services?: ServiceView[]; counters?: Counter[] }): void;
  devices: {
    add(d: DeviceRecord): Promise<void>;
    reconfigure(d: DeviceRecord): Promise<void>;
    remove(id: string): Promise<void>;
  };
  log: Logger;
}

/**
 * After each commit: every screen of the branch gets the new configuration (a service or
 * counter that went away is sent once as closed: suspended, or a closed counter), and the
 * printers and LED displays follow their devices' rows without a restart.
 */
export function configEffects(kernel: Kernel, admin: AdminService, sinks: ConfigSinks): void {
  const { bus } = kernel;
  bus.onCommitted('config-push', (batch: CommittedBatch) => {
    const touched = new Map<string, { services: ServiceView[]; counters: Counter[] }>();
    const of = (branchId: string) => {
      let t = touched.get(branchId);
      if (!t) {
        t = { services: [], counters: [] };
        touched.set(branchId, t);
      }
      return t;
    };
    for (const e of batch.events) {
      if (e.type === 'branch.configured') of(e.branch.id);
      else if (e.type === 'service.configured') {
        const t = of(e.service.branchId);
        if (!e.service.active) {
          const { active: _a, ...gone } = e.service;
          const closed = { ...gone, suspended: true, suspendedReason: gone.suspendedReason ?? 'deactivated' };
          t.services.push(serviceView(bus.state, closed, bus.now()));
        }
      } else if (e.type === 'counter.configured') {
        const live = bus.state.counters.get(e.counter.id);
        const { active: _a, ...config } = e.counter;
        of(e.counter.branchId).counters.push(live ?? newCounter(config, e.at));
      }
    }
    for (const [branchId, extra] of touched) sinks.publish(branchId, extra);
  });

  bus.onCommitted('config-devices', (batch) => {
    for (const e of batch.events) {
      let job: Promise<void> | null = null;
      if (e.type === 'device.configured') {
        const row = admin.device(e.device.id);
        if (row) job = e.created ? sinks.devices.add(row) : sinks.devices.reconfigure(row);
      } else if (e.type === 'device.revoked') job = sinks.devices.remove(e.deviceId);
      job?.catch((err) => sinks.log.error({ err }, 'device could not follow its configuration'));
    }
  });
}
