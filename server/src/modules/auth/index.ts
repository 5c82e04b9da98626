import type { AuthStore } from '@guichet/db';
import type { Kernel } from '../../kernel/index.js';
import { AuthService, registerAuthProjections } from './service.js';

export { authRoutes, SESSION_COOKIE } from './routes.js';
export type { AuthService } from './service.js';

/** Staff sessions and device tokens. */
export function createAuth(kernel: Kernel, store: AuthStore, sessionHours: number): AuthService {
  registerAuthProjections(kernel.registry, store);
  return new AuthService({ bus: kernel.bus, store, sessionHours });
}
