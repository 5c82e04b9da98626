import type { Role } from '@guichet/server/protocol';
import type { Route } from '../../route';
import { tb } from '../../strings/config-b';
import { Audit } from '../config/Audit';
import { Board } from '../config/Board';
import { Devices } from '../config/Devices';
import { Staff } from '../config/Staff';
import { Setup } from './Setup';
import '../config/config-b.css';

/** The staff, devices, hall board, audit and setup screens, as the App's nav and switch see them. */
const NAMES = ['staff', 'devices', 'board', 'audit', 'setup'] as const;
type ConfigRoute = (typeof NAMES)[number];

export const isConfigB = (r: Route): r is ConfigRoute => (NAMES as readonly string[]).includes(r);
export const configBLabel = (r: ConfigRoute) => tb(`nav_${r}`);

export const CONFIG_B_ROUTES = {
  /** Configuration is for managers and admins; the setup only while the hall has no branch. */
  shown(r: ConfigRoute, role: Role, branch: string | null): boolean {
    if (r === 'setup') return role === 'admin' && branch === null;
    return (role === 'admin' || role === 'manager') && branch !== null;
  },
};

export function ConfigB({ route }: { route: ConfigRoute }) {
  if (route === 'staff') return <Staff />;
  if (route === 'devices') return <Devices />;
  if (route === 'board') return <Board />;
  if (route === 'audit') return <Audit />;
  return <Setup />;
}
