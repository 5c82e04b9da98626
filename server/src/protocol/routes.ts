/**
 * The REST routes of server/API.md by name: method and path, nothing else. Kept apart from their
 * TypeBox schemas (./schemas/routes.ts) so a screen that calls a route ships a few bytes, not
 * the schema builder; the schemas are keyed by the same names and the compiler checks both
 * lists agree. Paths are relative to `API` (/api/v1).
 */
import { ADMIN_ROUTES } from './admin-routes.js';
import { CASE_ROUTES } from './case-routes.js';
import { REPORT_ROUTES } from './report-routes.js';

export const API = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const COUNTER_COMMANDS = [
  'open',
  'close',
  'pause',
  'resume',
  'call-next',
  'call',
  'recall',
  'start',
  'finish',
  'no-show',
  'transfer',
  'park',
] as const;
export type CounterCommand = (typeof COUNTER_COMMANDS)[number];

type CounterCommandRoutes = {
  readonly [C in CounterCommand as `counter:${C}`]: {
    readonly method: 'POST';
    readonly path: `/counters/:counterId/${C}`;
  };
};

const counterCommandRoutes = Object.fromEntries(
  COUNTER_COMMANDS.map((c) => [`counter:${c}`, { method: 'POST', path: `/counters/:counterId/${c}` }]),
) as CounterCommandRoutes;

export const ROUTES = {
  'auth:login': { method: 'POST', path: '/auth/login' },
  'auth:logout': { method: 'POST', path: '/auth/logout' },
  me: { method: 'GET', path: '/me' },
  'auth:password': { method: 'POST', path: '/auth/password' },
  'user:password-reset': { method: 'POST', path: '/users/:id/password' },
  'me:status': { method: 'POST', path: '/me/status' },
  'branches:list': { method: 'GET', path: '/branches' },
  'branch:services': { method: 'GET', path: '/branches/:branchId/services' },
  'branch:queue': { method: 'GET', path: '/branches/:branchId/queue' },
  'branch:emergency-raise': { method: 'PUT', path: '/branches/:branchId/emergency' },
  'branch:emergency-lift': { method: 'DELETE', path: '/branches/:branchId/emergency' },
  'branch:notice': { method: 'PUT', path: '/branches/:branchId/notice' },
  'tickets:issue': { method: 'POST', path: '/branches/:branchId/tickets' },
  'ticket:view': { method: 'GET', path: '/tickets/:id' },
  'ticket:cancel': { method: 'POST', path: '/tickets/:id/cancel' },
  'ticket:rate': { method: 'POST', path: '/tickets/:id/rating' },
  'ticket:reinstate': { method: 'POST', path: '/tickets/:id/reinstate' },
  'ticket:cancel-by-staff': { method: 'POST', path: '/tickets/:id/cancel-by-staff' },
  'ticket:move': { method: 'POST', path: '/tickets/:id/move' },
  'tickets:search': { method: 'GET', path: '/branches/:branchId/tickets' },
  'counter:release': { method: 'POST', path: '/counters/:counterId/release' },
  ...counterCommandRoutes,
  'counter:rating-request': { method: 'POST', path: '/counters/:counterId/rating-request' },
  'counter:order': { method: 'GET', path: '/counters/:counterId/order' },
  'counter:today': { method: 'GET', path: '/counters/:counterId/today' },
  'ratings:submit': { method: 'POST', path: '/ratings' },
  health: { method: 'GET', path: '/health' },
  'branch:alerts': { method: 'GET', path: '/branches/:branchId/alerts' },
  'alert:ack': { method: 'POST', path: '/alerts/:id/ack' },
  'branch:alert-rules': { method: 'GET', path: '/branches/:branchId/alert-rules' },
  'branch:alert-rules-set': { method: 'PUT', path: '/branches/:branchId/alert-rules' },
  ...CASE_ROUTES,
  ...REPORT_ROUTES,
  ...ADMIN_ROUTES,
} as const satisfies Record<string, { method: HttpMethod; path: string }>;

export type Routes = typeof ROUTES;
export type RouteName = keyof Routes;

/** `/tickets/:id/cancel` + `{id: 't 1'}` → `/tickets/t%201/cancel`; a missing parameter throws. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path ${path} needs the parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** Fastify's URL for a route: the API prefix and the path with its `:params`. */
export const routeUrl = (name: RouteName): string => `${API}${ROUTES[name].path}`;
