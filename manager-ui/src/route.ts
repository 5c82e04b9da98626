import { signal } from '@preact/signals';

/** The screens of the manager area, each at its own address under /manager/. */
export const ROUTES = [
  'hall',
  'monitor',
  'desk',
  'notices',
  'reports',
  'daily',
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
  'cases',
  'ratings',
  'appraisal',
] as const;
export type Route = (typeof ROUTES)[number];
/** Hall configuration: managers and admins only (a supervisor is refused by the server too). */
export const CONFIG_ROUTES: readonly Route[] = ['branch', 'services', 'counters', 'reasons', 'alert-rules'];

/** The nav's groups, in the order of the group bar. */
export const NAV_GROUPS = ['hall', 'reports', 'ratings', 'config'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];
/** A route missing from the table below still shows, in this group (every role may see it). */
export const DEFAULT_GROUP: NavGroup = 'hall';

/**
 * Which group each screen sits in, and in what order within it. Keyed by name, not by Route, so
 * that screens being added elsewhere (reports, cases…) already have their place when they land.
 */
const GROUP_TABLE: Readonly<Record<NavGroup, readonly string[]>> = {
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
};

export function groupOf(r: Route): NavGroup {
  return NAV_GROUPS.find((g) => GROUP_TABLE[g].includes(r)) ?? DEFAULT_GROUP;
}

/** The routes of a group in nav order: the table's order, then ungrouped routes in ROUTES order. */
export function routesOf(g: NavGroup, routes: readonly Route[] = ROUTES): Route[] {
  const listed = GROUP_TABLE[g].filter((r): r is Route => routes.includes(r as Route));
  const rest = g === DEFAULT_GROUP ? routes.filter((r) => !listed.includes(r) && groupOf(r) === g) : [];
  return [...listed, ...rest];
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
