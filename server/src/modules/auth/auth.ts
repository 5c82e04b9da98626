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

export function userView(
  u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'staffNumber' | 'branchId'> & { role: string },
): UserView {
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

/**
 * Resolves a bearer token's hash (staff session or device) to who is acting, with the time its
 * row stops being valid (null: a device token that does not expire).
 */
export function resolveTokenHash(
  store: AuthStore,
  tokenHash: string,
  now: number,
): { principal: Principal; validUntil: number | null } | null {
  const session = store.sessionByHash(tokenHash, now);
  if (session) {
    const user = store.userById(session.userId);
    if (!user?.active) return null;
    return {
      principal: { kind: 'user', user: userView(user), tokenHash, counterId: session.counterId },
      validUntil: session.expiresAt,
    };
  }
  const device = store.deviceByHash(tokenHash, now);
  return device ? { principal: devicePrincipal(device), validUntil: device.expiresAt } : null;
}

/** Personal numbers are never stored: a keyed hash for the per-person limit and a masked form for staff. */
export function personKey(secret: string, branchId: string, raw: string): { hash: string; masked: string } {
  const digits = raw.replace(/[\s-]/g, '').toUpperCase();
  const hash = createHmac('sha256', secret).update(`${branchId}:${digits}`).digest('hex');
  return { hash, masked: maskNumber(digits) };
}

/**
 * Only the last 4 characters show, from 8 characters on (a shorter number is hidden whole): enough
 * for a clerk to confirm "the number ending 5678". The common 138****5678 left 4 digits to guess,
 * 10⁴ tries against a hash; last-4-only leaves 7 hidden digits of a phone and 14 of an ID number,
 * and the hash's key is not in the database (pii.key), so a database alone gives back no number.
 */
export function maskNumber(digits: string): string {
  const tail = digits.length >= 8 ? 4 : 0;
  return `${'*'.repeat(digits.length - tail)}${tail ? digits.slice(-tail) : ''}`;
}
