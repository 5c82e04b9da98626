import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOADED } from '../../../../test/support/wait.js';
import { openStores, type Stores } from '../../bootstrap.js';
import { loadConfig } from '../../config/env.js';
import { createKernel } from '../../kernel/index.js';
import { createQueue, loadState, type Queue } from '../queue/index.js';
import { createFeedback } from './index.js';
import type { Feedback } from './service.js';

const kiosk = { actor: { kind: 'device' as const, id: 'kiosk-2' } };
const clerk = { actor: { kind: 'user' as const, id: 'user-clerk1' } };

/** Ratings: one per case, bound to the clerk who finished it; a lost pad request still ends as "not rated". */
describe('Feedback', () => {
  let dir: string;
  let stores: Stores;
  let feedback: Feedback;
  let queue: Queue;
  let now = Date.UTC(2026, 10, 26, 2, 0);
  const pads = { requested: vi.fn(), closed: vi.fn() };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-feedback-'));
    const config = loadConfig({
      GUICHET_DATA_DIR: dir,
      GUICHET_DEMO: '1',
      GUICHET_ADMIN_PASSWORD: 'feedback-test-admin',
    });
    ({ stores } = await openStores(config, now));
    const kernel = createKernel({
      db: stores.queue,
      load: () => loadState(stores.queue, now),
      writeAudit: (entry) => stores.auth.audit(entry),
      clock: () => now,
      log: pino({ level: 'silent' }),
    });
    feedback = createFeedback(kernel, stores, { timeoutSeconds: 60, pads });
    const stream = { epoch: 'test', versionOf: () => 0, recentCalls: () => [] };
    queue = createQueue(kernel, stores.queue, {
      stream,
      clerkName: () => null,
      ratingOf: (id) => feedback.publicRating(id),
    });
    await queue.commands.rollAll();
  });
  afterEach(() => {
    feedback.stop();
    pads.requested.mockReset();
    stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serveOne(): Promise<string> {
    const issued = await queue.commands.issue(kiosk, {
      branchId: 'demo-hall',
      serviceId: 'svc-social',
      priority: false,
    });
    if (!issued.ok) throw new Error(issued.error.message);
    for (const command of ['open', 'call-next', 'finish'] as const) {
      const r = await queue.commands.counterCommand(clerk, 'ctr-1', command, { clerkId: 'user-clerk1' });
      expect(r.ok).toBe(true);
    }
    // The pad is prompted by the effect that follows the finish's commit.
    await vi.waitFor(() => expect(pads.requested).toHaveBeenCalledWith('ctr-1', expect.anything()), LOADED);
    return issued.data.ticket.id;
  }

  it('records "not rated" for a finished case whose pad request was lost, once its time is up', async () => {
    const ticketId = await serveOne();
    // A restart loses the pending timer.
    feedback.stop();
    now += 30_000;
    expect(await feedback.recordUnanswered()).toBe(0);
    now += 60_000;
    expect(await feedback.recordUnanswered()).toBe(1);
    expect(stores.feedback.ratingOf(ticketId)).toMatchObject({
      score: null,
      source: 'timeout',
      clerkId: 'user-clerk1',
      counterId: 'ctr-1',
    });
    expect(await feedback.recordUnanswered()).toBe(0);
  });

  it('leaves a case alone while its pad request is still pending', async () => {
    await serveOne();
    now += 120_000;
    expect(await feedback.recordUnanswered()).toBe(0);
  });

  it('stores a bad rating from the phone with a follow-up case due in 1 and 15 working days, once', async () => {
    const ticketId = await serveOne();
    const holder = { actor: { kind: 'holder' as const, id: ticketId } };
    const r = await feedback.rate(holder, { ticketId, score: 2, reason: 'long_wait', source: 'phone' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.caseId).not.toBeNull();
    const followUp = stores.feedback.caseOf(r.data.caseId!);
    expect(followUp).toMatchObject({ kind: 'bad_rating', status: 'open', ticketId });
    // Opened Thursday 2026-11-26: the callback is due the next working day, the resolution
    // 15 working days later (no holiday in between).
    expect(followUp).toMatchObject({
      openedDay: '2026-11-26',
      callbackDay: '2026-11-27',
      resolutionDay: '2026-12-17',
    });
    await vi.waitFor(() => expect(pads.closed).toHaveBeenCalledWith('ctr-1', ticketId), LOADED);
    const again = await feedback.rate(holder, { ticketId, score: 5, source: 'phone' });
    expect(again).toMatchObject({ ok: false, error: { code: 'TICKET_ALREADY_RATED' } });
  });

  it('answers two ratings of one ticket in the same commit with one row and one refusal', async () => {
    const ticketId = await serveOne();
    const holder = { actor: { kind: 'holder' as const, id: ticketId } };
    const [a, b] = await Promise.all([
      feedback.rate(holder, { ticketId, score: 4, source: 'phone' }),
      feedback.rate(holder, { ticketId, score: 1, source: 'phone' }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, false]);
    expect(stores.feedback.ratingOf(ticketId)?.score).toBe(4);
  });
});
