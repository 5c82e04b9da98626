import { groupOf, hrefOf, NAV_GROUPS, navigate, type Route, route, routesOf } from '../route';
import { tn } from '../strings/nav';

interface Props {
  /** The routes this user may open, already filtered by role. */
  visible: readonly Route[];
}

const follow = (r: Route) => (e: MouseEvent) => {
  e.preventDefault();
  navigate(r);
};

/**
 * The group bar (hall, reports, ratings, configuration) in the top bar. A group's link opens its
 * first screen; plain links, so Tab and Enter work and a middle-click opens a new tab.
 */
export function NavGroups({ visible }: Props) {
  const active = groupOf(route.value);
  return (
    <nav class="groups" aria-label={tn('navGroups')}>
      {NAV_GROUPS.map((g) => {
        const rs = routesOf(g, visible);
        const first = rs[0];
        if (!first) return null;
        return (
          <a
            key={g}
            href={hrefOf(first)}
            class={g === active ? 'group active' : 'group'}
            aria-current={g === active ? 'true' : undefined}
            data-nav-group={g}
            data-routes={rs.join(' ')}
            onClick={g === active ? (e) => e.preventDefault() : follow(first)}
          >
            {tn(`group_${g}`)}
          </a>
        );
      })}
    </nav>
  );
}

/** The second row: the current group's screens, the current one marked aria-current="page". */
export function NavScreens({ visible, label }: Props & { label: (r: Route) => string }) {
  const current = route.value;
  const active = groupOf(current);
  return (
    <nav class="subbar tabs" aria-label={`${tn(`group_${active}`)} · ${tn('navScreens')}`}>
      {routesOf(active, visible).map((r) => (
        <a
          key={r}
          href={hrefOf(r)}
          class={current === r ? 'tab active' : 'tab'}
          aria-current={current === r ? 'page' : undefined}
          data-nav={r}
          onClick={follow(r)}
        >
          {label(r)}
        </a>
      ))}
    </nav>
  );
}
