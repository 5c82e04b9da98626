import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthStore, ConfigStore } from '@guichet/db';
import { hashPassword, hashToken, newToken } from '../modules/auth/auth.js';
import {
  mustParse,
  parseBranchSettings,
  parseDeviceConfig,
  parseWorkProfile,
} from '../modules/settings/parse.js';
import { DEMO_BRANCH_ID, DEMO_HALL, hallRows } from './hall.js';

/** A random password a person can type: 12 characters of [A-Za-z0-9_-] (72 bits). */
export const randomPassword = (): string => randomBytes(9).toString('base64url');

export interface DemoCredentials {
  branchId: string;
  baseUrl: string;
  /** Each demo account's own random password, by username. */
  passwords: Record<string, string>;
  /** The admin's password only when it was generated; one the operator chose is never written down. */
  admin: { username: string; password: string | null };
  devices: Record<string, string>;
  urls: Record<string, string>;
}

/**
 * Creates the demo hall on an empty database from its configuration document (demo/demo-hall.json:
 * six services, eight counters with different work profiles, two kiosks, two displays, a rating
 * pad per counter), then the people a document never holds: clerks, a supervisor and a manager.
 * Every account gets its own random password (hashed with its own salt) and every device a
 * random token, returned once: demo/credentials.ts prints them and writes demo-credentials.json.
 */
export async function seedDemo(
  config: ConfigStore,
  auth: AuthStore,
  opts: { adminPassword: string | null; now: number; ledBus?: { path: string; protocol: string } | null },
): Promise<Omit<DemoCredentials, 'baseUrl' | 'urls'>> {
  const rows = hallRows(DEMO_HALL, opts.now);
  config.insertHall({
    ...rows,
    branch: {
      ...rows.branch,
      settings: mustParse(parseBranchSettings(rows.branch.settings), 'demo branch settings'),
      noticeZh: '请保管好您的号票，过号请到服务台重新排队。',
      noticeEn: 'Please keep your ticket. If you miss your call, ask at the front desk to rejoin the queue.',
    },
    counters: rows.counters.map((c) => ({
      ...c,
      profile: mustParse(parseWorkProfile(c.profile), `profile of counter ${c.number}`),
    })),
  });

  const passwords: Record<string, string> = {};
  const passwordFor = (username: string) => {
    passwords[username] = randomPassword();
    return hashPassword(passwords[username]);
  };
  const clerkNames = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];
  for (let i = 1; i <= 8; i++) {
    auth.insertUser({
      id: `user-clerk${i}`,
      username: `clerk${i}`,
      staffNumber: String(1000 + i),
      displayName: clerkNames[i - 1] ?? `clerk${i}`,
      role: 'clerk',
      branchId: DEMO_BRANCH_ID,
      passwordHash: await passwordFor(`clerk${i}`),
      createdAt: opts.now,
    });
  }
  auth.insertUser({
    id: 'user-manager',
    username: 'manager',
    staffNumber: '9001',
    displayName: '周主任',
    role: 'manager',
    branchId: DEMO_BRANCH_ID,
    passwordHash: await passwordFor('manager'),
    createdAt: opts.now,
  });

  auth.insertUser({
    id: 'user-supervisor',
    username: 'supervisor',
    staffNumber: '8001',
    displayName: '吴值班',
    role: 'supervisor',
    branchId: DEMO_BRANCH_ID,
    passwordHash: await passwordFor('supervisor'),
    createdAt: opts.now,
  });

  const devices: Record<string, string> = {};
  const addDevice = (
    id: string,
    kind: string,
    name: string,
    config: unknown,
    counterId: string | null = null,
  ) => {
    mustParse(parseDeviceConfig(kind, config), `config of ${id}`);
    const token = newToken();
    devices[id] = token;
    auth.insertDevice({
      id,
      kind,
      branchId: DEMO_BRANCH_ID,
      counterId,
      name,
      tokenHash: hashToken(token),
      config,
      createdAt: opts.now,
    });
  };
  for (const d of DEMO_HALL.devices) addDevice(d.id, d.kind, d.name, d.config, d.counterId);
  // LED displays above the counters, addresses 1…8, only when a serial bus is configured for the demo.
  if (opts.ledBus) {
    for (const c of DEMO_HALL.counters) {
      const config = { bus: opts.ledBus, address: c.number };
      addDevice(`led-${c.number}`, 'led', `LED display, counter ${c.number}`, config, c.id);
    }
  }

  return {
    branchId: DEMO_BRANCH_ID,
    passwords,
    admin: { username: 'admin', password: opts.adminPassword },
    devices,
  };
}

/** The first admin comes from GUICHET_ADMIN_PASSWORD; without it, a random one is generated and shown once. */
export async function ensureAdmin(
  auth: AuthStore,
  password: string | null,
  now: number,
): Promise<string | null> {
  if (auth.userByLogin('admin')) return null;
  const chosen = password ?? randomPassword();
  auth.insertUser({
    id: `user-${randomUUID()}`,
    username: 'admin',
    staffNumber: null,
    displayName: 'Administrator',
    role: 'admin',
    branchId: null,
    passwordHash: await hashPassword(chosen),
    createdAt: now,
  });
  return password ? null : chosen;
}
