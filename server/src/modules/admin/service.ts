import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { AdminStore, DeviceRow, UserRow } from '@guichet/db';
import { PASSWORD_PROBLEMS, passwordProblem } from '../../auth/password-policy.js';
import {
  type Branch,
  type CounterConfig,
  fail,
  ok,
  type QueueState,
  type Result,
  type Service,
  type ServiceHours,
  type WeeklyHours,
} from '../../core/index.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { AnyEvent, CommandMeta } from '../../kernel/events.js';
import type { DeviceKind, Role } from '../../protocol/index.js';
import { hashPassword, hashToken, newToken } from '../auth/auth.js';
import { parseDeviceConfig } from '../settings/parse.js';
import type { DeviceSetup, StaffAccount } from './events.js';
import './events.js';
import { withOwnHours } from './hours.js';
import { adminLockout } from './lockout.js';

const PAIRING_MINUTES = 15;
/** A device token lives this long after its last use (each use moves it on, at most daily). */
export const DEVICE_TOKEN_DAYS = 30;
const DAY = 24 * 3600_000;
const hashCode = (code: string) => createHash('sha256').update(`pairing:${code}`).digest('hex');

export interface AccountInput {
  username: string;
  displayName: string;
  password?: string | undefined;
  role: Role;
  branchIds: string[];
  staffNumber?: string | null | undefined;
  active?: boolean | undefined;
  /** The session making the change, kept when she changes her own account. */
  keepTokenHash?: string | null | undefined;
}
export interface DeviceInput {
  kind: DeviceKind;
  name: string;
  counterId?: string | null | undefined;
  config?: unknown;
}

type Decision<T> = Result<{ events: AnyEvent[]; reply: () => T }>;
const base = (ctx: { now: number; actor: CommandMeta['actor'] }, branchId: string | null) => ({
  at: ctx.now,
  actor: ctx.actor,
  branchId,
});

/**
 * Hall configuration as commands: each decides against the live state (and the accounts and
 * devices it reads), emits configuration events, and is committed with its rows and audit.
 */
export class AdminService {
  /** When each device last used its token (REST or socket), since this process started. */
  readonly seen = new Map<string, number>();
  /** When each device's row was last read for its token refresh. */
  private readonly checkedAt = new Map<string, number>();

  constructor(
    readonly bus: CommandBus,
    readonly store: AdminStore,
  ) {}

  get state(): QueueState {
    return this.bus.state;
  }

  /** Runs one configuration change; several changes (a config file) commit as one. */
  run<T>(
    meta: CommandMeta,
    decide: (
      state: QueueState,
      ctx: { now: number; actor: CommandMeta['actor']; newId(): string },
    ) => Decision<T>,
  ) {
    return this.bus.run(meta, decide);
  }

  saveBranch(meta: CommandMeta, branch: Branch, creating: boolean): Promise<Result<Branch>> {
    return this.run(meta, (state, ctx) => {
      if (creating && state.branches.has(branch.id))
        return fail('BRANCH_EXISTS', `branch ${branch.id} exists already`);
      if (!creating && !state.branches.has(branch.id))
        return fail('BRANCH_NOT_FOUND', `branch ${branch.id} does not exist`);
      return ok({
        events: [{ type: 'branch.configured', ...base(ctx, branch.id), branch }],
        reply: () => state.branches.get(branch.id)!,
      });
    });
  }

  /**
   * A service created or changed. Its own hours and cut-off (`hours`: undefined keeps them, null
   * goes back to the branch's) live in the branch settings, so they change in the same command
   * as a branch.configured event: one transaction, both audited.
   */
  saveService(
    meta: CommandMeta,
    service: Service & { active: boolean },
    hours?: ServiceHours | null,
  ): Promise<Result<Service>> {
    return this.run(meta, (state, ctx) => {
      const problem = serviceProblem(state, this.store, service);
      if (problem) return problem;
      const events: AnyEvent[] = [{ type: 'service.configured', ...base(ctx, service.branchId), service }];
      const branch = state.branches.get(service.branchId)!;
      const next = withOwnHours(branch, 'serviceHours', service.id, service.active ? hours : null);
      if (next) events.push({ type: 'branch.configured', ...base(ctx, branch.id), branch: next });
      return ok({ events, reply: () => service });
    });
  }

  /**
   * A counter created or changed. Its own published hours (`hours`: undefined keeps them, null
   * goes back to the branch's) live in the branch settings like a service's, changed in the same
   * command; a deactivated counter drops them.
   */
  saveCounter(
    meta: CommandMeta,
    counter: CounterConfig & { active: boolean },
    hours?: WeeklyHours | null,
  ): Promise<Result<null>> {
    return this.run(meta, (state, ctx) => {
      const problem = counterProblem(state, this.store, counter);
      if (problem) return problem;
      const events: AnyEvent[] = [{ type: 'counter.configured', ...base(ctx, counter.branchId), counter }];
      const branch = state.branches.get(counter.branchId)!;
      const next = withOwnHours(branch, 'counterHours', counter.id, counter.active ? hours : null);
      if (next) events.push({ type: 'branch.configured', ...base(ctx, branch.id), branch: next });
      return ok({ events, reply: () => null });
    });
  }

  /** A new account, or a change to one (a new password only when given). */
  async saveAccount(
    meta: CommandMeta,
    id: string,
    input: AccountInput,
    creating: boolean,
  ): Promise<Result<StaffAccount>> {
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password, input);
      if (problem) return fail('PASSWORD_REJECTED', PASSWORD_PROBLEMS[problem].en);
    }
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    return this.run(meta, (state, ctx) => {
      const existing = this.store.userById(id);
      if (!creating && !existing) return fail('USER_NOT_FOUND', `account ${id} does not exist`);
      if (creating && !passwordHash) return fail('VALIDATION_FAILED', 'a new account needs a password');
      const sameName = this.store.userByUsername(input.username);
      if (sameName && sameName.id !== id) return fail('USERNAME_TAKEN', `${input.username} is taken`);
      const staffNumber = input.staffNumber ?? null;
      const sameNumber = staffNumber ? this.store.userByStaffNumber(staffNumber) : undefined;
      if (sameNumber && sameNumber.id !== id)
        return fail('USERNAME_TAKEN', `staff number ${staffNumber} is taken`);
      for (const b of input.branchIds)
        if (!state.branches.has(b)) return fail('BRANCH_NOT_FOUND', `branch ${b} does not exist`);
      const lockout = existing && adminLockout(this.store, ctx.actor.id, existing, input);
      if (lockout) return lockout;
      const user: StaffAccount = {
        id,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        branchId: input.branchIds[0] ?? null,
        staffNumber,
        active: input.active ?? existing?.active ?? true,
      };
      return ok({
        events: [
          {
            type: 'user.configured',
            ...base(ctx, user.branchId),
            user,
            passwordHash,
            createdAt: ctx.now,
            keepTokenHash: input.keepTokenHash ?? null,
          },
        ],
        reply: () => user,
      });
    });
  }

  /** Sets (a checked data URL) or removes (null) the photo of an account. */
  setPhoto(meta: CommandMeta, id: string, photo: string | null): Promise<Result<StaffAccount>> {
    return this.run(meta, (_state, ctx) => {
      const u = this.store.userById(id);
      if (!u) return fail('USER_NOT_FOUND', `account ${id} does not exist`);
      return ok({
        events: [{ type: 'user.photo-set', ...base(ctx, u.branchId), userId: id, photo }],
        reply: () => this.store.userById(id) as StaffAccount,
      });
    });
  }

  /** A device with a fresh one-time pairing code (a new device, or one paired again). */
  saveDevice(
    meta: CommandMeta,
    device: DeviceSetup,
    opts: { creating: boolean; newPairing: boolean },
  ): Promise<Result<{ device: DeviceSetup; pairingCode: string | null; expiresAt: number | null }>> {
    const code = opts.newPairing ? String(randomInt(0, 100_000_000)).padStart(8, '0') : null;
    return this.run(meta, (state, ctx) => {
      const problem = deviceProblem(state, this.store, device, opts.creating);
      if (problem) return problem;
      const expiresAt = code ? ctx.now + PAIRING_MINUTES * 60_000 : null;
      return ok({
        events: [
          {
            type: 'device.configured',
            ...base(ctx, device.branchId),
            device,
            created: opts.creating,
            pairing: code && expiresAt ? { hash: hashCode(code), expiresAt } : null,
            // Nobody holds this token: the device is refused until it pairs.
            tokenHash: opts.creating ? hashToken(randomBytes(24).toString('base64url')) : null,
          },
        ],
        reply: () => ({ device, pairingCode: code, expiresAt }),
      });
    });
  }

  /** Exchanges a pairing code (once, before it expires) for the device's token. */
  pair(ip: string, code: string): Promise<Result<{ token: string; device: DeviceRow }>> {
    const token = newToken();
    return this.bus.run({ actor: { kind: 'anonymous', id: '-' }, ip }, (_state, ctx) => {
      const d = this.store.deviceByPairing(hashCode(code));
      if (!d || d.revokedAt !== null || (d.pairingExpiresAt ?? 0) <= ctx.now)
        return fail('UNAUTHENTICATED', 'this pairing code is unknown, used or expired');
      const expiresAt = ctx.now + DEVICE_TOKEN_DAYS * DAY;
      return ok({
        events: [
          {
            type: 'device.paired',
            at: ctx.now,
            actor: { kind: 'device', id: d.id },
            branchId: d.branchId,
            deviceId: d.id,
            tokenHash: hashToken(token),
            expiresAt,
          },
        ],
        reply: () => ({ token, device: this.store.deviceById(d.id)! }),
      });
    });
  }

  revokeDevice(meta: CommandMeta, id: string): Promise<Result<null>> {
    return this.run(meta, (_state, ctx) => {
      const d = this.store.deviceById(id);
      if (!d || d.revokedAt !== null) return fail('DEVICE_NOT_FOUND', `device ${id} does not exist`);
      return ok({
        events: [{ type: 'device.revoked', ...base(ctx, d.branchId), deviceId: id }],
        reply: () => null,
      });
    });
  }

  /**
   * A device used its token: its life moves on, written at most once a day per device. The row
   * is read at most once a minute per device: a busy kiosk makes hundreds of requests a minute.
   */
  touchDevice(id: string): void {
    const now = this.bus.now();
    this.seen.set(id, now);
    if (now - (this.checkedAt.get(id) ?? Number.NEGATIVE_INFINITY) < 60_000) return;
    this.checkedAt.set(id, now);
    const d = this.store.deviceById(id);
    if (!d || d.expiresAt === null || d.expiresAt - now > (DEVICE_TOKEN_DAYS - 1) * DAY) return;
    void this.bus.run({ actor: { kind: 'device', id } }, (_s, ctx) =>
      ok({
        events: [
          {
            type: 'device.refreshed',
            ...base(ctx, d.branchId),
            deviceId: id,
            expiresAt: ctx.now + DEVICE_TOKEN_DAYS * DAY,
          },
        ],
        reply: () => null,
      }),
    );
  }

  account(id: string): UserRow | undefined {
    return this.store.userById(id);
  }
  device(id: string): DeviceRow | undefined {
    return this.store.deviceById(id);
  }
}

export function serviceProblem(state: QueueState, store: AdminStore, s: Service & { active: boolean }) {
  if (!state.branches.has(s.branchId)) return fail('BRANCH_NOT_FOUND', `branch ${s.branchId} does not exist`);
  const clash = store.servicesOf(s.branchId).find((o) => o.prefix === s.prefix && o.id !== s.id);
  if (clash) return fail('PREFIX_TAKEN', `prefix ${s.prefix} is used by service ${clash.id}`);
  if (!s.active) {
    const live = [...state.tickets.values()].some(
      (t) => t.serviceId === s.id && ['waiting', 'called', 'serving', 'parked'].includes(t.status),
    );
    if (live) return fail('SERVICE_IN_USE', `tickets of service ${s.id} are still waiting or being served`);
  }
  return null;
}

export function counterProblem(state: QueueState, store: AdminStore, c: CounterConfig & { active: boolean }) {
  if (!state.branches.has(c.branchId)) return fail('BRANCH_NOT_FOUND', `branch ${c.branchId} does not exist`);
  const clash = store.countersOf(c.branchId).find((o) => o.number === c.number && o.id !== c.id && o.active);
  if (clash) return fail('COUNTER_NUMBER_TAKEN', `number ${c.number} is counter ${clash.id}`);
  for (const p of c.profile.services) {
    const s = state.services.get(p.serviceId);
    if (!s || s.branchId !== c.branchId)
      return fail('SERVICE_NOT_FOUND', `service ${p.serviceId} is not a service of branch ${c.branchId}`);
  }
  const live = state.counters.get(c.id);
  if (!c.active && live && live.state !== 'closed')
    return fail('COUNTER_BUSY', `counter ${c.id} is open; close it first`);
  return null;
}

export function deviceProblem(state: QueueState, store: AdminStore, d: DeviceSetup, creating: boolean) {
  if (!state.branches.has(d.branchId)) return fail('BRANCH_NOT_FOUND', `branch ${d.branchId} does not exist`);
  const existing = store.deviceById(d.id);
  if (creating && existing) return fail('VALIDATION_FAILED', `device ${d.id} exists already`);
  if (!creating && (!existing || existing.revokedAt !== null))
    return fail('DEVICE_NOT_FOUND', `device ${d.id} does not exist`);
  if (d.counterId) {
    const c = state.counters.get(d.counterId);
    if (!c || c.branchId !== d.branchId)
      return fail('COUNTER_NOT_FOUND', `counter ${d.counterId} is not in this branch`);
  } else if (d.kind === 'pad' || d.kind === 'led') {
    return fail('VALIDATION_FAILED', `a ${d.kind} belongs to a counter: counterId is required`);
  }
  const parsed = parseDeviceConfig(d.kind, d.config);
  if (!parsed.ok) return fail('VALIDATION_FAILED', `config ${parsed.problem}`);
  return null;
}
