import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchSnapshot } from '../../server/src/protocol/index.js';
import { login } from '../support/api.js';
import { type RunningServer, startServer } from '../support/server.js';
import { type DisplayLink, followBranch, type Received } from './display-link.js';
import { counter, issue, until } from './helpers.js';

/** A restart needs a real process: the display resyncs from a snapshot of the new epoch. */
describe('branch stream: resync after a restart', () => {
  let server: RunningServer;
  let link: DisplayLink;
  let snapshots: BranchSnapshot[];
  let received: Received[];
  const issuedBefore: { id: string; code: string }[] = [];

  beforeAll(async () => {
    server = await startServer();
    link = await followBranch(server);
    ({ snapshots, received } = link);
    // Two tickets for social, one for medical; the first is called and finished.
    for (const serviceId of ['svc-social', 'svc-social', 'svc-medical']) {
      const r = await issue(server, serviceId);
      expect(r.status).toBe(201);
      issuedBefore.push({ id: r.body.id, code: r.body.code });
    }
    const clerk = await login(server, 'clerk1');
    expect((await counter(server, clerk, 'ctr-1', 'open')).status).toBe(200);
    expect((await counter(server, clerk, 'ctr-1', 'call-next')).body.ticket?.id).toBe(issuedBefore[0]!.id);
    expect((await counter(server, clerk, 'ctr-1', 'finish')).status).toBe(200);
  });

  afterAll(async () => {
    await link?.close();
    await server?.dispose();
  });

  it('resubscribes after a restart and gets a new epoch with every ticket, including those issued while away', async () => {
    const before = snapshots.at(-1)!;
    const waitingBefore = issuedBefore[2]!; // svc-medical, still waiting
    const calledBefore = issuedBefore[0]!; // finished before the restart
    const stillActive = [waitingBefore.id];

    link.proxy.open = false; // the display loses the network while the server restarts
    await server.stop();
    await until(() => !link.display.connected, 5_000, 'the display to notice');
    await server.restart();

    // Issued while the display was away.
    const away = await issue(server, 'svc-enquiry');
    expect(away.status).toBe(201);
    const countBefore = snapshots.length;
    link.proxy.open = true;

    await until(() => snapshots.length > countBefore, 15_000, 'a fresh snapshot after reconnecting');
    const fresh = snapshots.at(-1)!;
    expect(link.display.connected).toBe(true);
    expect(fresh.epoch).not.toBe(before.epoch);
    const ids = fresh.tickets.map((t) => t.id);
    for (const id of [...stillActive, away.body.id]) expect(ids).toContain(id);
    expect(ids).not.toContain(calledBefore.id); // done tickets leave the live list
    expect(fresh.tickets.find((t) => t.id === away.body.id)?.code).toBe(away.body.code);

    // The stream carries on from the fresh snapshot in the new epoch.
    const mark = received.length;
    const after = await issue(server, 'svc-social');
    expect(after.status).toBe(201);
    await until(
      () => received.slice(mark).some((r) => r.delta.tickets?.some((t) => t.id === after.body.id)),
      5_000,
      'the delta of a ticket issued after the resync',
    );
    const next = received.slice(mark);
    expect(next[0]!.delta.epoch).toBe(fresh.epoch);
    expect(next[0]!.delta.version).toBe(fresh.version + 1);
  }, 90_000);
});
