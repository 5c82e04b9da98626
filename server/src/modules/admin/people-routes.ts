import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { PHOTO_MAX_CHARS } from '../../protocol/admin-routes.js';
import { routeOptions } from '../../protocol/schemas/routes.js';
import { devicePrincipal } from '../auth/auth.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, noContent } from '../http/guards.js';
import { accountView, deviceView, pairingUrl, requireConfigurator, statusOf } from './access.js';
import { checkPhoto } from './photo.js';
import type { AdminService } from './service.js';

/** Staff accounts and devices: created, changed, deactivated or revoked; devices pair once by code. */
export const peopleRoutes: FastifyPluginAsync<{ admin: AdminService; publicUrl: string | null }> = async (
  fastify,
  { admin, publicUrl },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const baseOf = (req: { protocol: string; headers: { host?: string } }) =>
    publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;

  app.route({
    ...routeOptions('users:create', statusOf),
    handler: async (req, reply) => {
      const p = requireConfigurator(req, req.body.branchIds[0] ?? null);
      if (req.body.role === 'admin' && p.user.role !== 'admin')
        throw new HttpRefusal('FORBIDDEN', 'only an admin creates an admin');
      const r = await admin.saveAccount(metaOf(req), `user-${randomUUID()}`, req.body, true);
      return r.ok ? reply.code(201).send(accountView(r.data)) : sendFailure(reply, r);
    },
  });

  app.route({
    ...routeOptions('user:update', statusOf),
    // A photo (at most 200 kB as base64) is larger than the server's usual 64 kB body.
    bodyLimit: PHOTO_MAX_CHARS + 4096,
    handler: async (req, reply) => {
      const prev = admin.account(req.params.userId);
      if (!prev) throw new HttpRefusal('USER_NOT_FOUND', `account ${req.params.userId} does not exist`);
      const p = requireConfigurator(req, prev.branchId);
      const branchIds = req.body.branchIds ?? (prev.branchId ? [prev.branchId] : []);
      requireConfigurator(req, branchIds[0] ?? null);
      if ((req.body.role === 'admin' || prev.role === 'admin') && p.user.role !== 'admin')
        throw new HttpRefusal('FORBIDDEN', 'only an admin changes an admin');
      const input = {
        username: req.body.username ?? prev.username,
        displayName: req.body.displayName ?? prev.displayName,
        password: req.body.password,
        role: req.body.role ?? (prev.role as 'clerk'),
        branchIds,
        staffNumber: req.body.staffNumber === undefined ? prev.staffNumber : req.body.staffNumber,
        active: req.body.active,
        keepTokenHash: p.user.id === prev.id ? p.tokenHash : null,
      };
      const { photo } = req.body;
      if (photo) {
        const checked = checkPhoto(photo);
        if (!checked.ok) throw new HttpRefusal('VALIDATION_FAILED', `body.${checked.problem}`);
      }
      // A photo alone is one change in the audit log, not an account change as well.
      const onlyPhoto = Object.keys(req.body).every((k) => k === 'photo');
      const r = onlyPhoto ? null : await admin.saveAccount(metaOf(req), prev.id, input, false);
      if (r && !r.ok) return sendFailure(reply, r);
      if (photo !== undefined) {
        const set = await admin.setPhoto(metaOf(req), prev.id, photo);
        if (!set.ok) return sendFailure(reply, set);
      }
      return accountView(admin.account(prev.id)!);
    },
  });

  app.route({
    ...routeOptions('devices:create', statusOf),
    handler: async (req, reply) => {
      const { branchId } = req.params;
      requireConfigurator(req, branchId);
      const b = req.body;
      const device = {
        id: `${b.kind}-${randomUUID().slice(0, 8)}`,
        kind: b.kind,
        branchId,
        counterId: b.counterId ?? null,
        name: b.name,
        config: b.config ?? {},
      };
      const r = await admin.saveDevice(metaOf(req), device, { creating: true, newPairing: true });
      if (!r.ok) return sendFailure(reply, r);
      const code = r.data.pairingCode!;
      return reply.code(201).send({
        device: deviceView(admin.device(device.id)!),
        pairingUrl: pairingUrl(baseOf(req), device.kind, code),
        pairingCode: code,
        expiresAt: r.data.expiresAt!,
      });
    },
  });

  app.route({
    ...routeOptions('device:update', statusOf),
    handler: async (req, reply) => {
      const prev = admin.device(req.params.deviceId);
      if (!prev || prev.revokedAt !== null)
        throw new HttpRefusal('DEVICE_NOT_FOUND', `device ${req.params.deviceId} does not exist`);
      requireConfigurator(req, prev.branchId);
      const b = req.body;
      const device = {
        id: prev.id,
        kind: prev.kind as 'kiosk',
        branchId: prev.branchId,
        counterId: b.counterId === undefined ? prev.counterId : b.counterId,
        name: b.name ?? prev.name,
        config: b.config === undefined ? prev.config : b.config,
      };
      const r = await admin.saveDevice(metaOf(req), device, {
        creating: false,
        newPairing: b.repair === true,
      });
      if (!r.ok) return sendFailure(reply, r);
      const code = r.data.pairingCode;
      return {
        device: deviceView(admin.device(device.id)!),
        pairingUrl: code ? pairingUrl(baseOf(req), device.kind, code) : null,
        pairingCode: code,
        expiresAt: r.data.expiresAt,
      };
    },
  });

  app.route({
    ...routeOptions('device:revoke', statusOf),
    handler: async (req, reply) => {
      const prev = admin.device(req.params.deviceId);
      if (!prev || prev.revokedAt !== null)
        throw new HttpRefusal('DEVICE_NOT_FOUND', `device ${req.params.deviceId} does not exist`);
      requireConfigurator(req, prev.branchId);
      const r = await admin.revokeDevice(metaOf(req), prev.id);
      return r.ok ? noContent(reply) : sendFailure(reply, r);
    },
  });

  app.route({
    ...routeOptions('devices:pair', statusOf),
    // Eight digits are guessable at speed: few tries per address (the global limiter adds more).
    config: { rateLimit: { max: 10, timeWindow: 60_000 } },
    handler: async (req, reply) => {
      const r = await admin.pair(req.ip, req.body.code);
      if (!r.ok) return sendFailure(reply, r);
      const p = devicePrincipal(r.data.device);
      return { token: r.data.token, device: p.kind === 'device' ? p.device : (null as never) };
    },
  });
};
