import type { AuthStore } from '@guichet/db';
import type { Kernel } from '../../kernel/index.js';
import { AuthService, registerAuthProjections } from './service.js';

export { authRoutes, SESSION_COOKIE } from './routes.js';
export type { AuthService } from './service.js';

/** Staff sessions and device tokens. */
export function createAuth(kernel: Kernel, store: AuthStore, sessionHours: number): AuthService {
  registerAuthProjections(kernel.registry, store);
  const auth = new AuthService({ bus: kernel.bus, store, sessionHours });
  // A device's row changes only by these events: its cached principal goes in the same commit.
  kernel.registry.project(['device.configured', 'device.paired', 'device.refreshed', 'device.revoked'], () =>
    auth.forgetDevices(),
  );
  return auth;
}
