import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';

/**
 * Who may use the configuration API (every new route against every kind of caller), the hall
 * as a file (export → import into an empty database → the same export; three mistakes answered
 * at once), and the audit log of the changes.
 */
let app: TestApp;
const T: Record<string, string | undefined> = {};
const B = 'demo-hall';
let n = 0;
const uniq = () => ++n;

beforeAll(async () => {
  app = await build();
  T.admin = await login(app, 'admin', 'admin-test-password');
  T.manager = await login(app, 'manager');
  T.clerk = await login(app, 'clerk1');
  T.kiosk = app.demo.devices['kiosk-1'];
  T.display = app.demo.devices['display-1'];
  T.pad = app.demo.devices['pad-1'];
  const other = await api(app, 'POST', '/branches', {
    token: T.admin,
    body: { id: 'west-hall', name: { 'zh-CN': '西区', en: 'West' }, timezone: 'Asia/Shanghai' },
  });
  expect(other.status).toBe(201);
  const account = (username: string, role: string, branch: string) =>
    api(app, 'POST', '/users', {
      token: T.admin,
      body: { username, displayName: username, password: 'Quiet-Meadow-981', role, branchIds: [branch] },
    });
  expect((await account('sup', 'supervisor', B)).status).toBe(201);
  expect((await account('westmgr', 'manager', 'west-hall')).status).toBe(201);
  T.supervisor = await login(app, 'sup', 'Quiet-Meadow-981');
  T.otherManager = await login(app, 'westmgr', 'Quiet-Meadow-981');
});
afterAll(() => app?.close());

const newService = async () => {
  const prefix = `Q${String.fromCharCode(65 + (uniq() % 26))}`;
  const r = await api<{ id: string }>(app, 'POST', `/branches/${B}/services`, {
    token: T.admin,
    body: { prefix, name: { 'zh-CN': '临时', en: 'Temporary' }, targetWaitMinutes: 10 },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
};
const newDevice = async () =>
  (
    await api<{ device: { id: string } }>(app, 'POST', `/branches/${B}/devices`, {
      token: T.admin,
      body: { kind: 'display', name: 'Spare board' },
    })
  ).body.device.id;

type Call = () => Promise<{ method: string; path: string; body?: unknown }>;
const ROUTES: Record<string, { call: Call; allowed: string[] }> = {
  'POST /branches': {
    call: async () => ({
      method: 'POST',
      path: '/branches',
      body: { id: `b-${uniq()}`, name: { 'zh-CN': '新', en: 'New' }, timezone: 'Asia/Shanghai' },
    }),
    allowed: ['admin'],
  },
  'PATCH /branches/:id': {
    call: async () => ({ method: 'PATCH', path: `/branches/${B}`, body: { issueCutoffMinutes: 0 } }),
    allowed: ['manager', 'admin'],
  },
  'POST services': {
    call: async () => ({
      method: 'POST',
      path: `/branches/${B}/services`,
      body: {
        prefix: `Z${String.fromCharCode(65 + uniq())}`,
        name: { 'zh-CN': '新', en: 'New' },
        targetWaitMinutes: 9,
      },
    }),
    allowed: ['manager', 'admin'],
  },
  'PATCH /services/:id': {
    call: async () => ({ method: 'PATCH', path: '/services/svc-enquiry', body: { targetWaitMinutes: 12 } }),
    allowed: ['manager', 'admin'],
  },
  'DELETE /services/:id': {
    call: async () => ({ method: 'DELETE', path: `/services/${await newService()}` }),
    allowed: ['manager', 'admin'],
  },
  'POST counters': {
    call: async () => ({
      method: 'POST',
      path: `/branches/${B}/counters`,
      body: {
        number: 100 + uniq(),
        name: { 'zh-CN': '新', en: 'New' },
        services: [{ serviceId: 'svc-social', level: 1 }],
      },
    }),
    allowed: ['manager', 'admin'],
  },
  'PATCH /counters/:id': {
    call: async () => ({
      method: 'PATCH',
      path: '/counters/ctr-5',
      body: {
        name: { 'zh-CN': '5号窗口', en: 'Counter 5' },
        hours: { '1': [{ open: '09:00', close: '12:00' }] },
      },
    }),
    allowed: ['manager', 'admin'],
  },
  'POST /users': {
    call: async () => ({
      method: 'POST',
      path: '/users',
      body: {
        username: `u${uniq()}`,
        displayName: 'New',
        password: 'Quiet-Meadow-981',
        role: 'clerk',
        branchIds: [B],
      },
    }),
    allowed: ['manager', 'admin'],
  },
  'PATCH /users/:id': {
    call: async () => ({ method: 'PATCH', path: '/users/user-clerk8', body: { displayName: '黄强' } }),
    allowed: ['manager', 'admin'],
  },
  'POST devices': {
    call: async () => ({
      method: 'POST',
      path: `/branches/${B}/devices`,
      body: { kind: 'display', name: 'Board' },
    }),
    allowed: ['manager', 'admin'],
  },
  'PATCH /devices/:id': {
    call: async () => ({ method: 'PATCH', path: `/devices/${await newDevice()}`, body: { name: 'Renamed' } }),
    allowed: ['manager', 'admin'],
  },
  'DELETE /devices/:id': {
    call: async () => ({ method: 'DELETE', path: `/devices/${await newDevice()}` }),
    allowed: ['manager', 'admin'],
  },
  'GET config': {
    call: async () => ({ method: 'GET', path: `/branches/${B}/config` }),
    allowed: ['manager', 'admin'],
  },
  'PUT config': {
    call: async () => ({
      method: 'PUT',
      path: `/branches/${B}/config`,
      body: (await api(app, 'GET', `/branches/${B}/config`, { token: T.admin })).body,
    }),
    allowed: ['manager', 'admin'],
  },
  'GET /users': {
    call: async () => ({ method: 'GET', path: `/users?branchId=${B}` }),
    allowed: ['manager', 'admin'],
  },
  'GET devices': {
    call: async () => ({ method: 'GET', path: `/branches/${B}/devices` }),
    allowed: ['manager', 'admin'],
  },
  'GET /audit': {
    call: async () => ({ method: 'GET', path: `/audit?branchId=${B}` }),
    allowed: ['manager', 'admin'],
  },
};
const CALLERS = [
  'none',
  'kiosk',
  'display',
  'pad',
  'clerk',
  'supervisor',
  'otherManager',
  'manager',
  'admin',
];

describe('authorization of the configuration API', () => {
  it.each(Object.keys(ROUTES))('%s: only its roles', async (name) => {
    const { call, allowed } = ROUTES[name]!;
    const seen: Record<string, number> = {};
    for (const who of CALLERS) {
      const req = await call();
      const token = who === 'none' ? undefined : T[who];
      const r = await api(app, req.method, req.path, { ...(token ? { token } : {}), body: req.body });
      seen[who] = r.status;
    }
    const expected = Object.fromEntries(
      CALLERS.map((who) => [who, who === 'none' ? 401 : allowed.includes(who) ? 'ok' : 403]),
    );
    const got = Object.fromEntries(
      Object.entries(seen).map(([who, s]) => [who, s >= 200 && s < 300 ? 'ok' : s]),
    );
    expect(got).toEqual(expected);
  });
});

describe('the hall as a file', () => {
  it('exports, imports into an empty database and exports the same; a second import changes nothing', async () => {
    // A counter with its own published hours travels in the branch settings (counterHours).
    const mornings = { '1': [{ open: '08:30', close: '12:00' }], '3': [{ open: '08:30', close: '12:00' }] };
    const own = await api(app, 'PATCH', '/counters/ctr-7', { token: T.admin, body: { hours: mornings } });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const doc = (await api(app, 'GET', `/branches/${B}/config`, { token: T.admin })).body as {
      branch: { settings: { counterHours?: unknown } };
    };
    expect(doc.branch.settings.counterHours).toMatchObject({ 'ctr-7': mornings });
    expect(JSON.stringify(doc)).not.toMatch(/token|pairing|password|clerk1/i);
    const empty = await build({ env: { GUICHET_DEMO: '0' } });
    try {
      const admin = await login(empty, 'admin', 'admin-test-password');
      const put = await api<{ changes: number }>(empty, 'PUT', `/branches/${B}/config`, {
        token: admin,
        body: doc,
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body.changes).toBeGreaterThan(10);
      const again = (await api(empty, 'GET', `/branches/${B}/config`, { token: admin })).body;
      expect(again).toEqual(doc);
      const twice = await api<{ changes: number }>(empty, 'PUT', `/branches/${B}/config`, {
        token: admin,
        body: doc,
      });
      expect(twice.body.changes).toBe(0);
    } finally {
      await empty.close();
    }
  });

  it('answers every mistake at once with its path and applies nothing', async () => {
    type Doc = {
      services: { prefix: string }[];
      counters: { profile: { services: { serviceId: string }[] } }[];
      devices: { kind: string; counterId: string | null }[];
      branch: { settings: { counterHours?: unknown } };
    };
    const before = (await api<Doc>(app, 'GET', `/branches/${B}/config`, { token: T.admin })).body;
    const bad = structuredClone(before);
    bad.services[1]!.prefix = bad.services[0]!.prefix;
    bad.counters[0]!.profile.services[0]!.serviceId = 'svc-nowhere';
    bad.devices.find((d) => d.kind === 'pad')!.counterId = null;
    bad.branch.settings.counterHours = { 'ctr-nowhere': { '1': [{ open: '09:00', close: '10:00' }] } };
    const r = await api<{ error: { code: string; problems: { path: string; message: string }[] } }>(
      app,
      'PUT',
      `/branches/${B}/config`,
      { token: T.admin, body: bad },
    );
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CONFIG_INVALID');
    const paths = r.body.error.problems.map((p) => p.path);
    expect(paths).toContain('/services/1/prefix');
    expect(paths).toContain('/counters/0/profile/services/0/serviceId');
    expect(paths.some((p) => /^\/devices\/\d+\/counterId$/.test(p))).toBe(true);
    expect(paths).toContain('/branch/settings/counterHours/ctr-nowhere');
    expect(r.body.error.problems).toHaveLength(4);
    expect((await api(app, 'GET', `/branches/${B}/config`, { token: T.admin })).body).toEqual(before);
  });
});

describe('the audit log', () => {
  it('records who changed what, from where, before and after', async () => {
    await api(app, 'PATCH', '/services/svc-pension', { token: T.manager, body: { targetWaitMinutes: 33 } });
    type Row = {
      action: string;
      target: string;
      actorId: string;
      before: { targetWaitMinutes: number };
      after: { targetWaitMinutes: number };
      ip: string;
    };
    const rows = (
      await api<Row[]>(app, 'GET', `/audit?branchId=${B}&actor=user-manager`, { token: T.manager })
    ).body;
    const row = rows.find((x) => x.action === 'service.configured' && x.target === 'svc-pension');
    expect(row?.before.targetWaitMinutes).toBe(25);
    expect(row?.after.targetWaitMinutes).toBe(33);
    expect(row?.ip).toBeTruthy();
    const other = await api(app, 'GET', `/audit?branchId=${B}`, { token: T.otherManager });
    expect(other.status).toBe(403);
  });
});
