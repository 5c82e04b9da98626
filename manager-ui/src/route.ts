import { signal } from '@preact/signals';

/** The screens of the manager area, each at its own address under /manager/. */
export const ROUTES = ['hall', 'desk', 'notices', 'cases', 'ratings', 'appraisal'] as const;
export type Route = (typeof ROUTES)[number];

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
