/**
 * Every REST route of the protocol's map and every Socket.IO event against every principal: the
 * status each gets, written to test/artifacts/authz-matrix.md and compared with EXPECTED below.
 * Cells: the HTTP status (or `ok` / the refusal code of a socket ack). A 401/403 is a refusal by
 * the guards; anything else got past them (a 404 or 409 is the queue's own answer).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROUTES } from '../../server/src/protocol/admin-routes.js';
import { fillPath, ROUTES, type RouteName } from '../../server/src/protocol/routes.js';
import { BRANCH, counter, issue } from '../integration/helpers.js';
import { api, login } from '../support/api.js';
import { artifactPath } from '../support/browser.js';
import { build, type TestApp } from '../support/build.js';
import { open } from './probe.js';

const PRINCIPALS = [
  'none',
  'kiosk',
  'display',
  'pad',
  'clerk@ctr-1',
  'clerk@ctr-2',
  'manager',
  'admin',
] as const;
type Who = (typeof PRINCIPALS)[number];

const zhEn = { 'zh-CN': '测试', en: 'test' };
/** Bodies that pass validation, so the guards (not the schema) decide. */
const BODY: Partial<Record<RouteName, (ticketId: string, key: string, password: string) => unknown>> = {
  // The real password: wrong ones would meet the login throttle, not the guards.
  'auth:login': (_t, _k, password) => ({ username: 'clerk4', password }),
  'ticket:cancel-by-staff': () => ({ reason: '重复取号' }),
  // A wrong current password (refused before the policy) and a reset of an unknown account:
  // the guards decide, and nobody's password changes.
  'auth:password': () => ({ current: 'not-the-password', next: 'Another-long-passphrase-42' }),
  'user:password-reset': () => ({ next: 'Another-long-passphrase-42' }),
  'me:status': () => ({ voice: 'ok', reason: null }),
  'branch:emergency-raise': () => ({ message: zhEn, stopIssuing: false }),
  'branch:notice': () => zhEn,
  'tickets:issue': () => ({ serviceId: 'svc-social' }),
  'ticket:cancel': (_t, key) => ({ key }),
  'ticket:rate': (_t, key) => ({ key, score: 5 }),
  'ratings:submit': (ticketId) => ({ ticketId, score: 5 }),
  'counter:call': (ticketId) => ({ ticketId }),
  'counter:transfer': () => ({ serviceId: 'svc-social', placement: 'last' }),
  'counter:close': () => ({ reason: 'authz matrix' }),
  'counter:pause': () => ({ reason: 'break' }),
  'counter:release': () => ({ action: 'close', reason: 'authz matrix' }),
  'ticket:move': () => ({ serviceId: 'svc-medical', placement: 'last' }),
  'branch:alert-rules-set': () => ({
    waitOverTarget: { enabled: true, criticalPercent: 150 },
    queueLength: { enabled: true, warning: 15, critical: 30 },
    noCounterOpen: { enabled: true },
    counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
  }),
  'ticket:rating-comment': (_t, key) => ({ key, text: '补充评价' }),
  'ticket:complaint': (_t, key) => ({ key, text: '意见', category: 'other' }),
  'complaints:create': () => ({ channel: 'letter', category: 'other', text: '来信' }),
  'case:assign': () => ({ assigneeId: 'user-clerk1' }),
  'case:callback': () => ({ method: 'phone', citizenSaid: '回访' }),
  'case:resolve': () => ({ resolution: 'explanation', text: '解释' }),
  'case:feedback': () => ({ method: 'phone', text: '反馈' }),
  'case:satisfaction': () => ({ satisfaction: 'satisfied' }),
  'case:reopen': () => ({ reason: '复核' }),
  'appraisal:entry-create': () => ({ date: '2026-12-01', observation: '巡查', points: 1 }),
  'appraisal:entry-answer': () => ({ text: '说明', appeal: false }),
  'appraisal:entry-decide': () => ({ outcome: 'upheld', text: '维持' }),
};
/** Query strings that pass validation. */
const QUERY: Partial<Record<RouteName, (key: string) => string>> = {
  'ticket:view': (key) => `?key=${encodeURIComponent(key)}`,
  'tickets:search': () => '?code=A001',
  'reports:ratings': () => '?from=2026-11-01&to=2026-11-30&by=clerk',
  'appraisal:branch': () => '?date=2026-11-30',
  'appraisal:user': () => '?from=2026-11-30&to=2026-11-30',
  'appraisal:sheet': () => '?date=2026-11-30',
  // Today (the demo hall's day): a clerk reads her own day's summary by clerk and staff time.
  'reports:summary': () => `?from=${TODAY}&to=${TODAY}&by=clerk`,
  'reports:tickets': () => `?from=${TODAY}&to=${TODAY}&limit=100`,
  'reports:estimates': () => `?from=${TODAY}&to=${TODAY}&by=service`,
  'reports:staff': () => `?from=${TODAY}&to=${TODAY}`,
  'reports:call-order': () => `?from=${TODAY}&to=${TODAY}`,
  'reports:open-rate': () => `?from=${TODAY}&to=${TODAY}`,
};
const TODAY = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
/** Destructive routes run last, sign-out very last. */
const LAST: RouteName[] = ['counter:close', 'counter:release', 'auth:logout'];

describe('authorization matrix', () => {
  let server: TestApp;
  const tokens: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    // Complaints come from one address here: its daily limit is lifted.
    server = await build({
      env: { GUICHET_API_PER_MINUTE: '10000', GUICHET_COMPLAINTS_PER_ADDRESS: '1000' },
    });
    await server.listen();
    tokens.kiosk = server.demo.devices['kiosk-1'];
    tokens.display = server.demo.devices['display-1'];
    tokens.pad = server.demo.devices['pad-1'];
    tokens['clerk@ctr-1'] = await login(server, 'clerk1');
    tokens['clerk@ctr-2'] = await login(server, 'clerk2');
    tokens.manager = await login(server, 'manager');
    tokens.admin = await login(server, 'admin', 'admin-test-password');
    expect((await counter(server, tokens['clerk@ctr-1']!, 'ctr-1', 'open')).status).toBe(200);
    expect((await counter(server, tokens['clerk@ctr-2']!, 'ctr-2', 'open')).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('matches the expected table', async () => {
    const rows: Record<string, Record<Who, string>> = {};
    const routes = async (names: RouteName[]) => {
      for (const name of names) {
        const route = ROUTES[name];
        rows[`${route.method} ${route.path}`] = {} as Record<Who, string>;
        for (const who of PRINCIPALS) {
          // A fresh waiting ticket for each cell: one principal's action does not decide the next one's.
          const t = (await issue(server, 'svc-social')).body;
          const key = new URL(t.trackUrl).searchParams.get('k') ?? '';
          const path = fillPath(route.path, { branchId: BRANCH, counterId: 'ctr-1', id: t.id });
          const body =
            BODY[name]?.(t.id, key, server.demo.passwords.clerk4 ?? '') ??
            (route.method === 'POST' || route.method === 'PUT' ? {} : undefined);
          const token = who === 'none' ? undefined : tokens[who];
          const query = QUERY[name]?.(key) ?? '';
          const r = await api(server, route.method, `${path}${query}`, { token, body });
          rows[`${route.method} ${route.path}`]![who] = String(r.status);
        }
      }
    };
    // The configuration routes have their own matrix (test/integration/config-api.test.ts: every
    // route against none, each device kind, clerk, supervisor, another branch's manager, manager, admin).
    const queueRoutes = (Object.keys(ROUTES) as RouteName[]).filter((n) => !(n in ADMIN_ROUTES));
    await routes(queueRoutes.filter((n) => !LAST.includes(n)));
    for (const event of ['branch:subscribe', 'ticket:track', 'pad:subscribe', 'monitor:subscribe'] as const) {
      rows[`socket ${event}`] = {} as Record<Who, string>;
      for (const who of PRINCIPALS) {
        const t = (await issue(server, 'svc-social')).body;
        const key = new URL(t.trackUrl).searchParams.get('k') ?? '';
        const token = who === 'none' ? undefined : tokens[who];
        const { socket, error } = await open(server.url!, token ? { token } : {});
        let cell = error ?? '';
        if (!error) {
          const req =
            event === 'branch:subscribe' || event === 'monitor:subscribe'
              ? { branchId: BRANCH }
              : event === 'ticket:track'
                ? { ticketId: t.id, key }
                : {};
          const ack = await new Promise<{ ok: boolean; error?: { code: string } }>((res) =>
            socket.emit(event, req, res),
          );
          cell = ack.ok ? 'ok' : (ack.error?.code ?? '?');
          socket.close();
        }
        rows[`socket ${event}`]![who] = cell;
      }
    }
    await routes(LAST);
    const header = `| route / event | ${PRINCIPALS.join(' | ')} |\n|---|${PRINCIPALS.map(() => '---').join('|')}|\n`;
    const table = Object.entries(rows)
      .map(([k, v]) => `| ${k} | ${PRINCIPALS.map((p) => v[p]).join(' | ')} |`)
      .join('\n');
    writeFileSync(
      artifactPath('authz-matrix.md'),
      `# Authorization matrix\n\nGenerated by test/hostile/authz-matrix.test.ts: the status each principal gets.\n` +
        `clerk@ctr-1 is signed in at the counter the counter routes name; clerk@ctr-2 at another one.\n\n${header}${table}\n`,
    );
    const seen = Object.fromEntries(
      Object.entries(rows).map(([k, v]) => [k, PRINCIPALS.map((p) => v[p]).join(' ')]),
    );
    process.stdout.write(`${JSON.stringify(seen, null, 1)}\n`);
    expect(seen).toEqual(EXPECTED);
  }, 120_000);
});

// Columns: none kiosk display pad clerk@ctr-1 clerk@ctr-2 manager admin.
const EXPECTED: Record<string, string> = {
  'POST /auth/login': '200 200 200 200 200 200 200 200',
  'GET /me': '401 200 200 200 200 200 200 200',
  // Staff only; a wrong current password is 403 WRONG_PASSWORD. Resets: admins and managers
  // (the id here is a ticket's, so they get 404 USER_NOT_FOUND, before any change).
  'POST /auth/password': '401 403 403 403 403 403 403 403',
  'POST /users/:id/password': '401 403 403 403 403 403 404 404',
  'POST /me/status': '401 403 200 403 403 403 403 403',
  'GET /branches': '401 200 200 200 200 200 200 200',
  'GET /branches/:branchId/services': '401 200 200 200 200 200 200 200',
  // The front desk: finding and moving tickets is for supervisors and managers, not counters.
  'GET /branches/:branchId/tickets': '401 403 403 403 403 403 200 200',
  'POST /tickets/:id/move': '401 403 403 403 403 403 200 200',
  'GET /branches/:branchId/queue': '401 200 200 403 200 200 200 200',
  'PUT /branches/:branchId/emergency': '401 403 403 403 403 403 200 200',
  'DELETE /branches/:branchId/emergency': '401 403 403 403 403 403 200 200',
  'PUT /branches/:branchId/notice': '401 403 403 403 403 403 200 200',
  'POST /branches/:branchId/tickets': '401 201 403 403 201 201 201 201',
  'GET /tickets/:id': '200 200 200 200 200 200 200 200',
  'POST /tickets/:id/cancel': '200 200 200 200 200 200 200 200',
  'POST /tickets/:id/rating': '409 409 409 409 409 409 409 409',
  'POST /tickets/:id/reinstate': '401 403 403 403 409 409 409 409',
  'POST /tickets/:id/cancel-by-staff': '401 403 403 403 200 200 200 200',
  'POST /counters/:counterId/open': '401 403 403 403 200 409 409 409',
  'POST /counters/:counterId/pause': '401 403 403 403 200 403 409 409',
  'POST /counters/:counterId/resume': '401 403 403 403 200 403 409 409',
  'POST /counters/:counterId/call-next': '401 403 403 403 200 403 409 409',
  'POST /counters/:counterId/call': '401 403 403 403 409 403 409 409',
  'POST /counters/:counterId/recall': '401 403 403 403 200 403 200 200',
  // Runs after counter 1 was closed: staff who may release get COUNTER_CLOSED, clerks 403.
  'POST /counters/:counterId/release': '401 403 403 403 403 403 409 409',
  'POST /counters/:counterId/start': '401 403 403 403 409 403 409 409',
  'POST /counters/:counterId/finish': '401 403 403 403 409 403 409 409',
  'POST /counters/:counterId/no-show': '401 403 403 403 409 403 409 409',
  'POST /counters/:counterId/transfer': '401 403 403 403 409 403 409 409',
  'POST /counters/:counterId/park': '401 403 403 403 409 403 409 409',
  'POST /counters/:counterId/rating-request': '401 403 403 403 409 403 409 409',
  'GET /counters/:counterId/order': '401 403 403 403 200 200 200 200',
  'GET /counters/:counterId/today': '401 403 403 403 200 200 200 200',
  'POST /ratings': '401 403 403 404 403 403 403 403',
  'GET /health': '200 200 200 200 200 200 200 200',
  // The live monitor and its alerts: managers (and supervisors) of the branch; the id here is a
  // ticket's, so a reader gets ALERT_NOT_FOUND.
  'GET /branches/:branchId/alerts': '401 403 403 403 403 403 200 200',
  'POST /alerts/:id/ack': '401 403 403 403 403 403 404 404',
  'GET /branches/:branchId/alert-rules': '401 403 403 403 403 403 200 200',
  'PUT /branches/:branchId/alert-rules': '401 403 403 403 403 403 200 200',
  'socket monitor:subscribe': 'FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok ok',
  // 好差评: only the counter's pad learns whom it rates; the phone page acts by its ticket's key
  // (a waiting ticket has no rating to comment on); cases, contacts, the ledger and the rates are
  // for managers (and supervisors) of the branch: clerks never read cases or who rated them.
  'GET /pad/identity': '401 403 403 200 403 403 403 403',
  'POST /tickets/:id/rating/comment': '404 404 404 404 404 404 404 404',
  'POST /tickets/:id/complaint': '201 201 201 201 201 201 201 201',
  'POST /branches/:branchId/complaints': '401 403 403 403 403 403 201 201',
  'GET /branches/:branchId/cases': '401 403 403 403 403 403 200 200',
  'GET /branches/:branchId/cases/ledger': '401 403 403 403 403 403 200 200',
  'GET /cases/:id': '401 403 403 403 403 403 404 404',
  'GET /cases/:id/contact': '401 403 403 403 403 403 404 404',
  'POST /cases/:id/assign': '401 403 403 403 403 403 404 404',
  'POST /cases/:id/callback': '401 403 403 403 403 403 404 404',
  'POST /cases/:id/resolve': '401 403 403 403 403 403 404 404',
  'POST /cases/:id/feedback': '401 403 403 403 403 403 404 404',
  'POST /cases/:id/satisfaction': '401 403 403 403 403 403 404 404',
  'POST /cases/:id/close': '401 403 403 403 403 403 404 404',
  'POST /cases/:id/reopen': '401 403 403 403 403 403 404 404',
  'GET /branches/:branchId/reports/ratings': '401 403 403 403 403 403 200 200',
  // Clerks: their own day only (summary by clerk, staff time), narrowed to their own row.
  'GET /branches/:branchId/reports/summary': '401 403 403 403 200 200 200 200',
  'GET /branches/:branchId/reports/tickets': '401 403 403 403 403 403 200 200',
  'GET /branches/:branchId/reports/estimates': '401 403 403 403 403 403 200 200',
  'GET /branches/:branchId/reports/staff': '401 403 403 403 200 200 200 200',
  'GET /branches/:branchId/reports/call-order': '401 403 403 403 403 403 200 200',
  'GET /branches/:branchId/reports/open-rate': '401 403 403 403 403 403 200 200',
  // Daily appraisal: a clerk reads only her own record (the id here is nobody's: 403 for clerks,
  // 404 for managers); only the clerk an entry is about answers it; managers decide appeals.
  'GET /branches/:branchId/appraisal': '401 403 403 403 403 403 200 200',
  'GET /users/:id/appraisal': '401 403 403 403 403 403 404 404',
  'GET /users/:id/appraisal/sheet': '401 403 403 403 403 403 404 404',
  'POST /users/:id/appraisal/entries': '401 403 403 403 403 403 404 404',
  'POST /appraisal/entries/:id/answer': '401 403 403 403 404 404 404 404',
  'POST /appraisal/entries/:id/decision': '401 403 403 403 403 403 404 404',
  'socket branch:subscribe': 'FORBIDDEN ok ok FORBIDDEN ok ok ok ok',
  'socket ticket:track': 'ok ok ok ok ok ok ok ok',
  'socket pad:subscribe': 'FORBIDDEN FORBIDDEN FORBIDDEN ok FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN',
  'POST /counters/:counterId/close': '401 403 403 403 200 403 409 409',
  // A device does not sign out: a manager revokes its pairing.
  'POST /auth/logout': '401 403 403 403 200 200 200 200',
};
