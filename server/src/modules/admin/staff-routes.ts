import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { routeOptions } from '../../protocol/schemas/routes.js';
import { HttpRefusal } from '../http/errors.js';
import { requirePrincipal, requireStaff } from '../http/guards.js';
import { accountView, deviceView, requireConfigurator, statusOf } from './access.js';
import { checkPhoto } from './photo.js';
import type { AdminService } from './service.js';

/** Lists for the manager area (accounts, devices with presence) and the staff photo. */
export const staffRoutes: FastifyPluginAsync<{
  admin: AdminService;
  /** Devices with a socket connected now. */
  connectedDevices(): Set<string>;
}> = async (fastify, { admin, connectedDevices }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { store, state } = admin;

  app.route({
    ...routeOptions('users:list', statusOf),
    handler: async (req) => {
      const p = requireStaff(req, ['admin', 'manager']);
      const wanted = req.query.branchId;
      // A manager sees the accounts of their own branch only; an admin all, or one branch's.
      if (p.user.role !== 'admin') requireConfigurator(req, wanted ?? p.user.branchId);
      const branch = p.user.role === 'admin' ? wanted : p.user.branchId;
      const rows = branch ? store.usersOf(branch) : store.allUsers();
      return rows.sort((a, b) => a.username.localeCompare(b.username)).map(accountView);
    },
  });

  app.route({
    ...routeOptions('devices:list', statusOf),
    handler: async (req) => {
      const { branchId } = req.params;
      requireConfigurator(req, branchId);
      if (!state.branches.has(branchId))
        throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
      const online = connectedDevices();
      const now = admin.bus.now();
      return store
        .devicesOf(branchId)
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
        .map((d) =>
          deviceView(d, {
            online: online.has(d.id),
            lastSeenAt: online.has(d.id) ? now : (admin.seen.get(d.id) ?? null),
          }),
        );
    },
  });

  app.route({
    ...routeOptions('user:photo', statusOf),
    handler: async (req, reply) => {
      const p = requirePrincipal(req);
      const u = store.userById(req.params.userId);
      // Staff see colleagues' photos; a pad only the person signed in at its own counter.
      const allowed =
        p.kind === 'user' ||
        (p.device.kind === 'pad' &&
          p.device.counterId !== null &&
          state.counters.get(p.device.counterId)?.clerkId === req.params.userId);
      if (!allowed) throw new HttpRefusal('FORBIDDEN', 'this photo is for staff and the pad of its counter');
      const photo = u?.photo ? checkPhoto(u.photo) : null;
      if (!photo?.ok) throw new HttpRefusal('USER_NOT_FOUND', `account ${req.params.userId} has no photo`);
      return reply
        .header('content-type', photo.type)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  });
};
