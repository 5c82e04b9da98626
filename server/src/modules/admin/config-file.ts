import type { AdminStore } from '@guichet/db';
import type { Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Branch, QueueState } from '../../core/index.js';
import type { AnyEvent, EventBase } from '../../kernel/events.js';
import { HallConfig } from '../../protocol/schemas/admin-routes.js';
import { hashToken, newToken } from '../auth/auth.js';
import { parseDeviceConfig } from '../settings/parse.js';
import type { DeviceSetup } from './events.js';

export type HallConfigDoc = Static<typeof HallConfig>;
export interface Problem {
  path: string;
  message: string;
}

const checker = Compile(HallConfig);
const LIVE = ['waiting', 'called', 'serving', 'parked'];
const byKey =
  <T>(key: (x: T) => string | number) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The branch's configuration as one document: no tokens, no pairing codes, no accounts. */
export function exportHall(state: QueueState, store: AdminStore, branchId: string): HallConfigDoc | null {
  const b = state.branches.get(branchId);
  if (!b) return null;
  const { id, name, timezone, ...settings } = b;
  return {
    version: 1,
    branch: { id, name, timezone, settings },
    services: [...state.services.values()]
      .filter((s) => s.branchId === branchId)
      .sort(byKey((s) => s.id))
      .map(({ branchId: _b, ...s }) => ({
        id: s.id,
        prefix: s.prefix,
        name: s.name,
        targetWaitMinutes: s.targetWaitMinutes,
        defaultServiceMinutes: s.defaultServiceMinutes,
        dailyCap: s.dailyCap,
        perPersonDailyLimit: s.perPersonDailyLimit,
        requiresPersonId: s.requiresPersonId,
        allowPriority: s.allowPriority,
        suspended: s.suspended,
        suspendedReason: s.suspendedReason,
        sortOrder: s.sortOrder,
      })),
    counters: [...state.counters.values()]
      .filter((c) => c.branchId === branchId)
      .sort(byKey((c) => c.number))
      .map((c) => ({ id: c.id, number: c.number, name: c.name, profile: c.profile })),
    devices: store
      .devicesOf(branchId)
      .filter((d) => d.revokedAt === null)
      .sort(byKey((d) => d.id))
      .map((d) => ({
        id: d.id,
        kind: d.kind as HallConfigDoc['devices'][number]['kind'],
        name: d.name,
        counterId: d.counterId,
        config: d.config,
      })),
  };
}

/** Every problem of a document at once, each with its JSON path; empty when it can be applied. */
export function checkHall(state: QueueState, store: AdminStore, branchId: string, raw: unknown): Problem[] {
  if (!checker.Check(raw)) {
    return [...checker.Errors(raw)].slice(0, 100).map((e) => ({
      path: (e as { instancePath?: string }).instancePath || '/',
      message: (e as { message?: string }).message ?? 'is invalid',
    }));
  }
  const doc = raw as HallConfigDoc;
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (doc.branch.id !== branchId) add('/branch/id', `must be ${branchId}, the branch of the address`);
  try {
    new Intl.DateTimeFormat('en', { timeZone: doc.branch.timezone });
  } catch {
    add('/branch/timezone', `${doc.branch.timezone} is not an IANA time zone`);
  }
  const seen = (
    items: { id: string }[],
    base: string,
    other: (x: never) => string | number,
    what: string,
  ) => {
    const ids = new Map<string, number>();
    const keys = new Map<string | number, number>();
    items.forEach((x, i) => {
      if (ids.has(x.id)) add(`${base}/${i}/id`, `repeats the id of ${base}/${ids.get(x.id)}`);
      ids.set(x.id, i);
      const k = other(x as never);
      if (keys.has(k)) add(`${base}/${i}/${what}`, `${k} is also ${base}/${keys.get(k)}`);
      keys.set(k, i);
    });
  };
  seen(doc.services, '/services', (s: HallConfigDoc['services'][number]) => s.prefix, 'prefix');
  seen(doc.counters, '/counters', (c: HallConfigDoc['counters'][number]) => c.number, 'number');
  seen(doc.devices, '/devices', (d: HallConfigDoc['devices'][number]) => d.id, 'id');
  const serviceIds = new Set(doc.services.map((s) => s.id));
  const counterIds = new Set(doc.counters.map((c) => c.id));
  const stored = store.servicesOf(branchId);
  doc.services.forEach((s, i) => {
    // A service outside the document keeps its prefix (the document's own repeats are reported above).
    const clash = stored.find((o) => o.prefix === s.prefix && o.id !== s.id && !serviceIds.has(o.id));
    if (clash)
      add(`/services/${i}/prefix`, `${s.prefix} is kept by service ${clash.id} (deactivated or not)`);
    const other = state.services.get(s.id) ?? stored.find((o) => o.id === s.id);
    if (other && other.branchId !== branchId)
      add(`/services/${i}/id`, `${s.id} is a service of another branch`);
    if (s.suspended && !s.suspendedReason)
      add(`/services/${i}/suspendedReason`, 'a suspended service says why');
  });
  for (const id of Object.keys(doc.branch.settings.serviceHours ?? {}))
    if (!serviceIds.has(id))
      add(`/branch/settings/serviceHours/${id}`, `${id} is not a service of this document`);
  for (const id of Object.keys(doc.branch.settings.counterHours ?? {}))
    if (!counterIds.has(id))
      add(`/branch/settings/counterHours/${id}`, `${id} is not a counter of this document`);
  doc.counters.forEach((c, i) => {
    c.profile.services.forEach((p, j) => {
      if (!serviceIds.has(p.serviceId))
        add(
          `/counters/${i}/profile/services/${j}/serviceId`,
          `${p.serviceId} is not a service of this document`,
        );
    });
    c.profile.rules.forEach((r, j) => {
      if (!serviceIds.has(r.serviceId))
        add(
          `/counters/${i}/profile/rules/${j}/serviceId`,
          `${r.serviceId} is not a service of this document`,
        );
    });
    const other = state.counters.get(c.id);
    if (other && other.branchId !== branchId)
      add(`/counters/${i}/id`, `${c.id} is a counter of another branch`);
  });
  doc.devices.forEach((d, i) => {
    if (d.counterId && !counterIds.has(d.counterId))
      add(`/devices/${i}/counterId`, `${d.counterId} is not a counter of this document`);
    if (!d.counterId && (d.kind === 'pad' || d.kind === 'led'))
      add(`/devices/${i}/counterId`, `a ${d.kind} needs a counter`);
    const parsed = parseDeviceConfig(d.kind, d.config);
    if (!parsed.ok) add(`/devices/${i}/config`, parsed.problem);
    const other = store.deviceById(d.id);
    if (other && other.branchId !== branchId)
      add(`/devices/${i}/id`, `${d.id} is a device of another branch`);
  });
  for (const s of state.services.values()) {
    if (s.branchId !== branchId || serviceIds.has(s.id)) continue;
    if ([...state.tickets.values()].some((t) => t.serviceId === s.id && LIVE.includes(t.status)))
      add('/services', `service ${s.id} is left out but its tickets still wait`);
  }
  for (const c of state.counters.values()) {
    if (c.branchId === branchId && !counterIds.has(c.id) && c.state !== 'closed')
      add('/counters', `counter ${c.id} is left out but it is open`);
  }
  return problems;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The events that bring the branch to the document: only what differs (applying twice changes nothing). */
export function hallEvents(
  state: QueueState,
  store: AdminStore,
  doc: HallConfigDoc,
  base: Omit<EventBase, 'type'>,
): AnyEvent[] {
  const branchId = doc.branch.id;
  const out: AnyEvent[] = [];
  const branch: Branch = {
    id: branchId,
    name: doc.branch.name,
    timezone: doc.branch.timezone,
    ...doc.branch.settings,
  };
  if (!same(state.branches.get(branchId), branch)) out.push({ type: 'branch.configured', ...base, branch });
  const current = exportHall(state, store, branchId);
  const find = <T extends { id: string }>(list: T[] | undefined, id: string) =>
    list?.find((x) => x.id === id);
  for (const s of doc.services)
    if (!same(find(current?.services, s.id), s))
      out.push({ type: 'service.configured', ...base, service: { ...s, branchId, active: true } });
  for (const c of doc.counters)
    if (!same(find(current?.counters, c.id), c))
      out.push({ type: 'counter.configured', ...base, counter: { ...c, branchId, active: true } });
  const inDoc = (list: { id: string }[], id: string) => list.some((x) => x.id === id);
  for (const c of current?.counters ?? [])
    if (!inDoc(doc.counters, c.id))
      out.push({ type: 'counter.configured', ...base, counter: { ...c, branchId, active: false } });
  for (const s of [...state.services.values()])
    if (s.branchId === branchId && !inDoc(doc.services, s.id))
      out.push({ type: 'service.configured', ...base, service: { ...s, active: false } });
  for (const d of doc.devices) {
    if (same(find(current?.devices, d.id), d)) continue;
    const existing = store.deviceById(d.id);
    const device: DeviceSetup = { ...d, branchId };
    const created = !existing || existing.revokedAt !== null;
    // A device created from a file pairs later (PATCH with `repair`): nobody holds its token.
    out.push({
      type: 'device.configured',
      ...base,
      device,
      created,
      pairing: null,
      tokenHash: created ? hashToken(newToken()) : null,
    });
  }
  for (const d of current?.devices ?? [])
    if (!inDoc(doc.devices, d.id)) out.push({ type: 'device.revoked', ...base, deviceId: d.id });
  return out;
}
