import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { AuthStore, DeviceRow, UserRow } from '@guichet/db';
import type { DeviceKind, MeResponse, Role, UserView } from '../../protocol/index.js';
import { parseDeviceConfig } from '../settings/parse.js';

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** scrypt with a random salt; the parameters are stored with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

export const newToken = (): string => randomBytes(24).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type { DeviceKind } from '../../protocol/index.js';

type DeviceView = Extract<MeResponse, { kind: 'device' }>['device'];

/** Who is acting: a signed-in staff member (with their session) or a paired device. */
export type Principal =
  | { kind: 'user'; user: UserView; tokenHash: string; counterId: string | null }
  | { kind: 'device'; device: DeviceView };

export function userView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    staffNumber: u.staffNumber,
    branchId: u.branchId,
  };
}

export function devicePrincipal(d: DeviceRow): Principal {
  return {
    kind: 'device',
    device: {
      id: d.id,
      kind: d.kind as DeviceKind,
      name: d.name,
      branchId: d.branchId,
      counterId: d.counterId,
      // A config that does not validate reaches the device as no config (its defaults); the
      // device registry logs it at start.
      config: ((c) => (c.ok ? c.value : {}))(parseDeviceConfig(d.kind, d.config)),
    },
  };
}

/** Resolves a bearer token (staff session or device) to who is acting. */
export function resolveToken(store: AuthStore, token: string, now: number): Principal | null {
  const tokenHash = hashToken(token);
  const session = store.sessionByHash(tokenHash, now);
  if (session) {
    const user = store.userById(session.userId);
    if (!user?.active) return null;
    return { kind: 'user', user: userView(user), tokenHash, counterId: session.counterId };
  }
  const device = store.deviceByHash(tokenHash, now);
  return device ? devicePrincipal(device) : null;
}

/**
 * Login throttling within a 15-minute window: 5 failures for one login name block that name;
 * 30 failures from one address block the address. The address limit is higher because a
 * hall's consoles often share one address, and one clerk's typos must not lock the others out.
 * Kept in memory: a restart resets it, which is acceptable as the scrypt cost still bounds guessing.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly maxPerName = 5,
    private readonly maxPerAddress = 30,
    private readonly windowMs = 15 * 60_000,
  ) {}

  blocked(keys: string[], now: number): boolean {
    return keys.some(
      (k) => this.recent(k, now).length >= (k.startsWith('ip:') ? this.maxPerAddress : this.maxPerName),
    );
  }
  fail(keys: string[], now: number): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now]);
  }
  succeed(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
  /** Drops entries whose failures are all older than the window (housekeeping calls it). */
  sweep(now: number): void {
    for (const key of [...this.failures.keys()])
      if (this.recent(key, now).length === 0) this.failures.delete(key);
  }
  get size(): number {
    return this.failures.size;
  }
  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}

/** Personal numbers are never stored: a keyed hash for the per-person limit and a masked form for staff. */
export function personKey(secret: string, branchId: string, raw: string): { hash: string; masked: string } {
  const digits = raw.replace(/[\s-]/g, '').toUpperCase();
  const hash = createHmac('sha256', secret).update(`${branchId}:${digits}`).digest('hex');
  return { hash, masked: maskNumber(digits) };
}

/**
 * The usual masking of Chinese halls: a number shorter than 8 is hidden whole; from 8 the last
 * 4 show, from 11 the first 3 as well (138****5678); at least 4 characters are always hidden.
 */
export function maskNumber(digits: string): string {
  const head = digits.length >= 11 ? 3 : 0;
  const tail = digits.length >= 8 ? 4 : 0;
  return `${digits.slice(0, head)}${'*'.repeat(digits.length - head - tail)}${tail ? digits.slice(-tail) : ''}`;
}
