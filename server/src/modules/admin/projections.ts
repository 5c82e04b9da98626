import type { AdminStore } from '@guichet/db';
import type { Branch, Counter, QueueState } from '../../core/index.js';
import type { Registry } from '../../kernel/registry.js';
import type { BranchSettings } from '../settings/parse.js';
import type { StaffAccount } from './events.js';
import './events.js';

const settingsOf = ({ id: _i, name: _n, timezone: _t, ...settings }: Branch): BranchSettings => settings;

/**
 * What the configuration events do: the live state the queue reads (branches, services,
 * counters), the configuration rows, and an audit row with the subject before and after.
 * Accounts and devices are read from the store for the audit (they are not live state);
 * the audit never holds a password hash, a token hash or a pairing code.
 */
/** A counter just configured: closed, nobody at it, since `at`. */
export function newCounter(
  config: Omit<Counter, 'state' | 'pauseReason' | 'currentTicketId' | 'clerkId' | 'stateSince'>,
  at: number,
): Counter {
  return {
    ...config,
    state: 'closed',
    pauseReason: null,
    currentTicketId: null,
    clerkId: null,
    stateSince: at,
  };
}

export function registerAdminProjections(registry: Registry, store: AdminStore): void {
  registry
    .reduce('branch.configured', (state, e) => {
      state.branches.set(e.branch.id, e.branch);
      if (!state.notices.has(e.branch.id)) state.notices.set(e.branch.id, { notice: null, emergency: null });
    })
    .project('branch.configured', (e) =>
      store.saveBranch({
        id: e.branch.id,
        nameZh: e.branch.name['zh-CN'],
        nameEn: e.branch.name.en,
        timezone: e.branch.timezone,
        settings: settingsOf(e.branch),
      }),
    )
    .audit('branch.configured', {
      target: (e) => e.branch.id,
      subject: (e, s) => structuredClone(s.branches.get(e.branch.id) ?? null),
    });

  registry
    .reduce('service.configured', (state, e) => {
      const { active, ...service } = e.service;
      if (active) state.services.set(service.id, service);
      else state.services.delete(service.id);
    })
    .project('service.configured', (e) => {
      const { name, ...rest } = e.service;
      const before = store.targetAt(rest.id, e.at);
      store.saveService({ ...rest, nameZh: name['zh-CN'], nameEn: name.en });
      if (before !== rest.targetWaitMinutes) store.addTarget(rest.id, e.at, rest.targetWaitMinutes);
    })
    .audit('service.configured', {
      target: (e) => e.service.id,
      subject: (e, s) => structuredClone(s.services.get(e.service.id) ?? null),
    });

  registry
    .reduce('counter.configured', (state, e) => {
      const { active, ...config } = e.counter;
      if (!active) {
        state.counters.delete(config.id);
        return;
      }
      const live = state.counters.get(config.id);
      const counter: Counter = live ? { ...live, ...config } : newCounter(config, e.at);
      state.counters.set(config.id, counter);
    })
    .project('counter.configured', (e) => {
      const { name, ...rest } = e.counter;
      store.saveCounter({ ...rest, nameZh: name['zh-CN'], nameEn: name.en });
    })
    .audit('counter.configured', {
      target: (e) => e.counter.id,
      subject: (e, s) => counterSubject(s, e.counter.id),
    });

  registry
    .project('user.configured', (e) => {
      const existing = store.userById(e.user.id);
      const passwordHash = e.passwordHash ?? existing?.passwordHash;
      if (!passwordHash) throw new Error(`account ${e.user.id} has no password`);
      store.saveUser({ ...e.user, passwordHash, createdAt: existing?.createdAt ?? e.createdAt });
    })
    .audit('user.configured', {
      target: (e) => e.user.id,
      subject: (e) => accountSubject(store, e.user.id),
      detail: (e) => (e.passwordHash ? { passwordSet: true } : null),
    })
    .project('user.photo-set', (e) => store.setPhoto(e.userId, e.photo))
    // The audit says that the photo changed and its size, never the picture itself.
    .audit('user.photo-set', {
      target: (e) => e.userId,
      subject: (e) => accountSubject(store, e.userId),
      detail: (e) => ({ photo: e.photo ? 'set' : 'removed', length: e.photo?.length ?? 0 }),
    });

  registry
    .project('device.configured', (e) => {
      const existing = store.deviceById(e.device.id);
      store.saveDevice({
        ...e.device,
        // A device created again after its revocation gets a new token nobody holds.
        tokenHash: e.tokenHash ?? existing?.tokenHash ?? '',
        createdAt: existing?.createdAt ?? e.at,
        expiresAt: e.tokenHash ? null : (existing?.expiresAt ?? null),
        revokedAt: null,
        pairingHash: e.pairing?.hash ?? existing?.pairingHash ?? null,
        pairingExpiresAt: e.pairing?.expiresAt ?? existing?.pairingExpiresAt ?? null,
      });
    })
    .project('device.paired', (e) => {
      const d = store.deviceById(e.deviceId);
      if (d)
        store.saveDevice({
          ...d,
          tokenHash: e.tokenHash,
          expiresAt: e.expiresAt,
          pairingHash: null,
          pairingExpiresAt: null,
        });
    })
    .project('device.refreshed', (e) => {
      const d = store.deviceById(e.deviceId);
      if (d) store.saveDevice({ ...d, expiresAt: e.expiresAt });
    })
    .project('device.revoked', (e) => {
      const d = store.deviceById(e.deviceId);
      if (d) store.saveDevice({ ...d, revokedAt: e.at, pairingHash: null, pairingExpiresAt: null });
    })
    .audit(['device.configured', 'device.paired', 'device.revoked'], {
      target: (e) => ('device' in e ? e.device.id : e.deviceId),
      subject: (e) => deviceSubject(store, 'device' in e ? e.device.id : e.deviceId),
    });
}

function counterSubject(state: QueueState, id: string) {
  const c = state.counters.get(id);
  return c ? { number: c.number, name: c.name, profile: structuredClone(c.profile) } : null;
}

function accountSubject(store: AdminStore, id: string): StaffAccount | null {
  const u = store.userById(id);
  if (!u) return null;
  const { passwordHash: _h, createdAt: _c, photo: _p, ...account } = u;
  return account as StaffAccount;
}

function deviceSubject(store: AdminStore, id: string) {
  const d = store.deviceById(id);
  if (!d) return null;
  return {
    kind: d.kind,
    name: d.name,
    counterId: d.counterId,
    config: d.config,
    paired: d.pairingHash === null && d.expiresAt !== null,
    revoked: d.revokedAt !== null,
  };
}
