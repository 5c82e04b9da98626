import type { BranchDelta, BranchSnapshot } from '@guichet/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, connect, connected, counter, until } from './helpers.js';

/**
 * The clerk console offers the branch's own pause and close reasons: a manager's change on the
 * Reasons screen reaches the console's snapshot live (`branch:updated`), a pause with a listed
 * code is accepted, and once the branch has codes an unlisted or retired one is refused.
 */
let app: TestApp;
let manager: string;
let clerk: string;

beforeAll(async () => {
  app = await build();
  await app.listen();
  manager = await login(app, 'manager');
  clerk = await login(app, 'clerk4');
});
afterAll(() => app?.close());

const reason = (code: string, zh: string, en: string, retired = false) => ({
  code,
  label: { 'zh-CN': zh, en },
  ...(retired && { retired }),
});
type Refusal = { error: { code: string; message: string } };

describe("the console's reason codes", () => {
  it('reach the console live, are accepted by code, and an unlisted code is refused', async () => {
    const socket = connect(app, clerk);
    await connected(socket);
    const first = await socket.timeout(5_000).emitWithAck('branch:subscribe', { branchId: BRANCH });
    if (!first.ok) throw new Error(first.error.code);
    // No codes configured yet: the console keeps its own list, and free text is accepted.
    expect((first.data as BranchSnapshot).branch.pauseReasons).toEqual([]);
    const branches: BranchDelta['branch'][] = [];
    socket.on('branch:updated', (d) => {
      if (d.branch) branches.push(d.branch);
    });

    const set = await api(app, 'PATCH', `/branches/${BRANCH}`, {
      token: manager,
      body: {
        pauseReasons: [reason('lunch', '用餐', 'Meal break'), reason('training', '业务培训', 'Training')],
        closeReasons: [reason('end-of-shift', '下班', 'End of shift')],
      },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await until(() => branches.some((b) => b?.pauseReasons?.length === 2), 5_000, 'the reasons pushed live');
    expect(branches.at(-1)?.pauseReasons?.map((r) => r.code)).toEqual(['lunch', 'training']);
    expect(branches.at(-1)?.closeReasons).toEqual([reason('end-of-shift', '下班', 'End of shift')]);

    expect((await counter(app, clerk, 'ctr-4', 'open')).status).toBe(200);
    const paused = await counter(app, clerk, 'ctr-4', 'pause', { reason: 'training' });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.counter).toMatchObject({ state: 'paused', pauseReason: 'training' });
    expect((await counter(app, clerk, 'ctr-4', 'resume')).status).toBe(200);

    // The manager retires "training": gone from the console, refused by the server.
    const retire = await api(app, 'PATCH', `/branches/${BRANCH}`, {
      token: manager,
      body: {
        pauseReasons: [
          reason('lunch', '用餐', 'Meal break'),
          reason('training', '业务培训', 'Training', true),
        ],
      },
    });
    expect(retire.status).toBe(200);
    await until(() => branches.at(-1)?.pauseReasons?.length === 1, 5_000, 'the retired code gone live');
    const refused = await counter(app, clerk, 'ctr-4', 'pause', { reason: 'training' });
    expect(refused.status).toBe(422);
    expect((refused.body as unknown as Refusal).error).toEqual({
      code: 'REASON_UNKNOWN',
      message: "training is not one of this branch's pause reasons",
    });
    const text = await counter(app, clerk, 'ctr-4', 'pause', { reason: 'Meal — went late' });
    expect((text.body as unknown as Refusal).error.code).toBe('REASON_UNKNOWN');
    const close = await counter(app, clerk, 'ctr-4', 'close', { reason: 'lunch' });
    expect((close.body as unknown as Refusal).error.code).toBe('REASON_UNKNOWN');
    expect((await counter(app, clerk, 'ctr-4', 'close', { reason: 'end-of-shift' })).status).toBe(200);
    socket.close();
  });
});
