import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/index.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { Role } from '../../protocol/index.js';
import type { DeviceKind, Principal } from '../auth/auth.js';
import { HttpRefusal } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type StaffPrincipal = Extract<Principal, { kind: 'user' }>;
export type DevicePrincipal = Extract<Principal, { kind: 'device' }>;

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new HttpRefusal('UNAUTHENTICATED', 'sign in or pair this device first');
  return req.principal;
}

export function requireStaff(
  req: FastifyRequest,
  roles: Role[] = ['admin', 'manager', 'supervisor', 'clerk'],
): StaffPrincipal {
  const p = requirePrincipal(req);
  if (p.kind !== 'user') throw new HttpRefusal('FORBIDDEN', 'this needs a staff account');
  if (!roles.includes(p.user.role))
    throw new HttpRefusal('FORBIDDEN', `this needs the role ${roles.join(' or ')}`);
  return p;
}

export function requireDevice(req: FastifyRequest, kind: DeviceKind): DevicePrincipal {
  const p = requirePrincipal(req);
  if (p.kind !== 'device' || p.device.kind !== kind)
    throw new HttpRefusal('FORBIDDEN', `this needs a paired ${kind}`);
  return p;
}

/** A staff member of another branch, or a device paired elsewhere, sees nothing of this branch. */
export function requireBranch(p: Principal, branchId: string): void {
  const own = p.kind === 'device' ? p.device.branchId : p.user.branchId;
  if (p.kind === 'user' && p.user.role === 'admin') return;
  if (own !== branchId) throw new HttpRefusal('FORBIDDEN', `not allowed in branch ${branchId}`);
}

/** A clerk acts only on the counter their session is signed in to; supervisors, managers and admins on any. */
export function requireCounterActor(
  p: StaffPrincipal,
  counter: { id: string; clerkId: string | null },
  opening: boolean,
): void {
  if (p.user.role !== 'clerk' || opening) return;
  // Both: the session is signed in to this counter, and the counter is still this clerk's
  // (a manager may have closed it and another clerk opened it since).
  if (p.counterId !== counter.id || counter.clerkId !== p.user.id) {
    throw new HttpRefusal('FORBIDDEN', `you are not signed in to counter ${counter.id}; open it first`);
  }
}

/** Who is acting in a command: the staff member or device behind the request, else the anonymous public. */
export function actorOf(p: Principal | null): Actor {
  if (!p) return { kind: 'anonymous', id: '-' };
  return p.kind === 'user' ? { kind: 'user', id: p.user.id } : { kind: 'device', id: p.device.id };
}

/** A command's metadata from its request: who, from which address, at which base URL. */
export function metaOf(req: FastifyRequest, actor: Actor = actorOf(req.principal)): CommandMeta {
  return { actor, ip: req.ip, baseUrl: `${req.protocol}://${req.headers.host ?? 'localhost'}` };
}

export const noContent = (reply: FastifyReply) => reply.code(204).send();
