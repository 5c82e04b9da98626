import { signal } from '@preact/signals';

/** The nav's groups, in the order of the group bar. */
export const NAV_GROUPS = ['hall', 'reports', 'ratings', 'config'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** The screens of the manager area by nav group, in nav order; each at its own address under /manager/. */
const GROUP_TABLE = {
  hall: ['hall', 'monitor', 'desk', 'notices'],
  reports: ['reports', 'daily'],
  ratings: ['cases', 'ratings', 'appraisal'],
  config: [
    'branch',
    'services',
    'counters',
    'reasons',
    'alert-rules',
    'staff',
    'devices',
    'board',
    'audit',
    'setup',
  ],
} as const satisfies Record<NavGroup, readonly string[]>;
export type Route = (typeof GROUP_TABLE)[NavGroup][number];
const routesIn = (g: NavGroup): readonly Route[] => GROUP_TABLE[g];
export const ROUTES: readonly Route[] = NAV_GROUPS.flatMap(routesIn);
/** Hall configuration: managers and admins only (a supervisor is refused by the server too). */
export const CONFIG_ROUTES: readonly Route[] = ['branch', 'services', 'counters', 'reasons', 'alert-rules'];

export function groupOf(r: Route): NavGroup {
  return NAV_GROUPS.find((g) => routesIn(g).includes(r)) ?? 'hall';
}

/** The routes of a group in nav order, of those given (the ones the user may see). */
export function routesOf(g: NavGroup, routes: readonly Route[] = ROUTES): Route[] {
  return routesIn(g).filter((r) => routes.includes(r));
}

const BASE = '/manager/';
function fromPath(path: string): Route {
  const name = path.startsWith(BASE) ? path.slice(BASE.length).replace(/\/$/, '') : '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'hall';
}

export const route = signal<Route>(fromPath(globalThis.location?.pathname ?? BASE));
export const hrefOf = (r: Route) => (r === 'hall' ? BASE : `${BASE}${r}`);

export function navigate(r: Route): void {
  if (route.value === r) return;
  history.pushState(null, '', hrefOf(r));
  route.value = r;
}
globalThis.addEventListener?.('popstate', () => {
  route.value = fromPath(location.pathname);
});
