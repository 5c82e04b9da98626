import type { PublicTicketView } from '@guichet/server/protocol';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { connect, connected, type GuichetClient, issue, until } from './helpers.js';

/** A notice or emergency set from /manager reaches every open phone page at once, and is audited. */
describe('hall notices on phone pages', () => {
  let server: TestApp;
  let phone: GuichetClient;
  let manager: string;
  const pushed: PublicTicketView[] = [];

  beforeAll(async () => {
    server = await build({ db: 'file' });
    await server.listen();
    manager = await login(server, 'manager');
  });
  afterAll(async () => {
    phone?.disconnect();
    await server?.close();
  });

  it('pushes the emergency, its lifting and the notice to a phone following its ticket', async () => {
    const ticket = (await issue(server, 'svc-enquiry')).body;
    const url = new URL(ticket.trackUrl);
    phone = connect(server);
    await connected(phone);
    const first = await phone
      .timeout(5_000)
      .emitWithAck('ticket:track', { ticketId: url.searchParams.get('t')!, key: url.searchParams.get('k')! });
    expect(first.ok && first.data.hall.emergency).toBeNull();
    phone.on('track:updated', (v) => pushed.push(v));

    const message = { 'zh-CN': '消防演练，请有序离场', en: 'Fire drill: please leave calmly' };
    const branch = `/branches/${server.demo.branchId}`;
    expect(
      (
        await api(server, 'PUT', `${branch}/emergency`, {
          token: manager,
          body: { message, stopIssuing: true },
        })
      ).status,
    ).toBe(200);
    await until(() => pushed.some((v) => v.hall.emergency !== null), 5_000, 'the emergency on the phone');
    expect(pushed.at(-1)).toMatchObject({
      code: ticket.code,
      hall: { emergency: { message, stopIssuing: true } },
    });

    const notice = { 'zh-CN': '12:00 起午休', en: 'Lunch break from 12:00' };
    await api(server, 'DELETE', `${branch}/emergency`, { token: manager });
    await api(server, 'PUT', `${branch}/notice`, { token: manager, body: notice });
    await until(() => pushed.at(-1)?.hall.notice?.en === notice.en, 5_000, 'the notice on the phone');
    expect(pushed.at(-1)?.hall).toEqual({ notice, emergency: null });

    const db = new Database(server.dbFile, { readonly: true });
    const actions = db
      .prepare("select action, actor_id from audit_log where action like 'branch.%' order by id")
      .all() as { action: string; actor_id: string }[];
    db.close();
    expect(actions.map((a) => a.action)).toEqual([
      'branch.emergency_raised',
      'branch.emergency_lifted',
      'branch.notice_set',
    ]);
  });
});
