import { signal } from '@preact/signals';

/** The screens of the manager area, each at its own address under /manager/. */
export const ROUTES = [
  'hall',
  'desk',
  'notices',
  'reports',
  'daily',
  'branch',
  'services',
  'counters',
  'reasons',
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
export const CONFIG_ROUTES: readonly Route[] = ['branch', 'services', 'counters', 'reasons'];

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
