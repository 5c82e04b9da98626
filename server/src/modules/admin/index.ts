import type { AdminStore } from '@guichet/db';
import type { FastifyPluginAsync } from 'fastify';
import type { Kernel } from '../../kernel/index.js';
import { configRoutes } from './config-routes.js';
import { hallRoutes } from './hall-routes.js';
import { peopleRoutes } from './people-routes.js';
import { registerAdminProjections } from './projections.js';
import { AdminService } from './service.js';
import { staffRoutes } from './staff-routes.js';

export { checkHall, exportHall, type HallConfigDoc, hallEvents } from './config-file.js';
export { configEffects } from './effects.js';
export { CONFIG_EVENTS } from './events.js';
export type { AdminService } from './service.js';

/** Hall configuration, staff accounts and devices: commands, projections and audit. */
export function createAdmin(kernel: Kernel, store: AdminStore): AdminService {
  registerAdminProjections(kernel.registry, store);
  return new AdminService(kernel.bus, store);
}

/** The configuration API (see server/API.md, "Configuration"). */
export const adminRoutes: FastifyPluginAsync<{
  admin: AdminService;
  clerkName(id: string): string | null;
  publicUrl: string | null;
  connectedDevices(): Set<string>;
}> = async (app, options) => {
  const { admin, clerkName, publicUrl, connectedDevices } = options;
  await app.register(hallRoutes, { admin, clerkName });
  await app.register(peopleRoutes, { admin, publicUrl });
  await app.register(configRoutes, { admin });
  await app.register(staffRoutes, { admin, connectedDevices });
};
