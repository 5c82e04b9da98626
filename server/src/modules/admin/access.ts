import type { DeviceRow, UserRow } from '@guichet/db';
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { ERROR_CODES, type ErrorCode } from '../../core/index.js';
import type { Role } from '../../protocol/index.js';
import type { AccountView, DeviceView } from '../../protocol/schemas/admin-routes.js';
import { userView } from '../auth/auth.js';
import { photoUrlOf } from '../auth/photo-url.js';
import { HttpRefusal } from '../http/errors.js';
import { requireStaff, type StaffPrincipal } from '../http/guards.js';

export const statusOf = (code: ErrorCode) => ERROR_CODES[code];

/**
 * Who may change a branch's configuration: an admin, or a manager of that branch. Clerks,
 * supervisors, other branches' managers and every device are refused.
 */
export function requireConfigurator(req: FastifyRequest, branchId: string | null): StaffPrincipal {
  const p = requireStaff(req, ['admin', 'manager']);
  if (p.user.role === 'admin') return p;
  if (branchId === null || p.user.branchId !== branchId)
    throw new HttpRefusal(
      'FORBIDDEN',
      branchId ? `not allowed to configure branch ${branchId}` : 'this needs an admin',
    );
  return p;
}

export function requireAdmin(req: FastifyRequest): StaffPrincipal {
  return requireStaff(req, ['admin']);
}

export function accountView(
  u:
    | UserRow
    | {
        id: string;
        username: string;
        displayName: string;
        role: Role | string;
        staffNumber: string | null;
        branchId: string | null;
        active: boolean;
        photo?: string | null;
      },
): Static<typeof AccountView> {
  return {
    ...userView(u),
    branchIds: u.branchId ? [u.branchId] : [],
    active: u.active,
    photoUrl: photoUrlOf(u),
  };
}

export function deviceView(
  d: DeviceRow,
  presence: { lastSeenAt: number | null; online: boolean } = { lastSeenAt: null, online: false },
): Static<typeof DeviceView> {
  return {
    id: d.id,
    kind: d.kind as Static<typeof DeviceView>['kind'],
    branchId: d.branchId,
    counterId: d.counterId,
    name: d.name,
    config: d.config,
    paired: d.expiresAt !== null,
    revoked: d.revokedAt !== null,
    tokenExpiresAt: d.expiresAt,
    lastSeenAt: presence.lastSeenAt,
    online: presence.online,
    pairingExpiresAt: d.pairingHash ? d.pairingExpiresAt : null,
  };
}

/** Where a screen of this kind opens to pair itself with the code. */
export function pairingUrl(baseUrl: string, kind: string, code: string): string {
  // The pad is the counter screen's /pad page: the code is read where the pad runs.
  const ui = kind === 'kiosk' ? 'kiosk/' : kind === 'display' ? 'display/' : 'counter/pad';
  return `${baseUrl}/${ui}?pair=${code}`;
}
