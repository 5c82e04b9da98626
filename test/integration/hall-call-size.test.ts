import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallCalledEvent } from '../../server/src/protocol/index.js';
import { login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { type DisplayLink, followBranch } from './display-link.js';
import { counter, issue, until } from './helpers.js';

/**
 * The hall board's `ticket:called` at its largest in the demo hall: the counter with the longest
 * names in both languages (8号综合窗口 / Counter 8 (all services)), the service with the longest
 * id, through a real socket. The Socket.IO packet (`42["ticket:called",{…}]`) stays ≤ 400 bytes
 * with everything the board shows and says: code, counter number and names, service, call count.
 */
describe("the hall's ticket:called", () => {
  let server: TestApp;
  let link: DisplayLink;

  beforeAll(async () => {
    server = await build();
    await server.listen();
    link = await followBranch(server);
  });
  afterAll(async () => {
    await link?.close();
    await server?.close();
  });

  it('is at most 400 bytes on the wire for the longest counter and service names', async () => {
    const clerk = await login(server, 'clerk8');
    const t = await issue(server, 'svc-employment');
    expect(t.status).toBe(201);
    expect((await counter(server, clerk, 'ctr-8', 'open')).status).toBe(200);
    expect((await counter(server, clerk, 'ctr-8', 'call-next')).status).toBe(200);
    await until(() => link.received.some((r) => r.event === 'ticket:called'), 5_000, 'ticket:called');
    const hall = link.received.find((r) => r.event === 'ticket:called')!.delta as HallCalledEvent;
    expect(hall.call).toMatchObject({
      ticketId: t.body.id,
      code: t.body.code,
      serviceId: 'svc-employment',
      counterId: 'ctr-8',
      counterNumber: 8,
      counterName: { 'zh-CN': '8号综合窗口', en: 'Counter 8 (all services)' },
      callCount: 1,
    });
    // What Socket.IO writes for an event without binary data: the packet type, then the JSON.
    const bytes = Buffer.byteLength(`42${JSON.stringify(['ticket:called', { ...hall, version: 999_999 }])}`);
    expect(bytes).toBeLessThanOrEqual(400);
  });
});
