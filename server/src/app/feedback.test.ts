import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BuiltApp, buildApp } from '../app.js';
import { loadConfig } from '../config/env.js';

/** Ratings: one per case, bound to the clerk who finished it; a lost pad request still ends as "not rated". */
describe('Feedback', () => {
  let dir: string;
  let app: BuiltApp;
  let now = Date.UTC(2026, 10, 26, 2, 0);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-feedback-'));
    const config = loadConfig({
      GUICHET_DATA_DIR: dir,
      GUICHET_DEMO: '1',
      GUICHET_LOG_LEVEL: 'silent',
      GUICHET_ADMIN_PASSWORD: 'feedback-test-admin',
      GUICHET_RATING_TIMEOUT_SECONDS: '60',
    });
    app = await buildApp(config, { clock: () => now });
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serveOne(): Promise<string> {
    const kiosk = app.demo!.devices['kiosk-2']!;
    const inject = (method: 'POST', url: string, token: string, payload: object = {}) =>
      app.fastify.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    const issued = await inject('POST', '/api/v1/branches/demo-hall/tickets', kiosk, {
      serviceId: 'svc-social',
    });
    const login = await app.fastify.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'clerk1', password: 'demo1234' },
    });
    const token = login.json().token as string;
    await inject('POST', '/api/v1/counters/ctr-1/open', token);
    await inject('POST', '/api/v1/counters/ctr-1/call-next', token);
    const finished = await inject('POST', '/api/v1/counters/ctr-1/finish', token, { outcome: 'served' });
    expect(finished.statusCode).toBe(200);
    return issued.json().id as string;
  }

  it('records "not rated" for a finished case whose pad request was lost, once its time is up', async () => {
    const ticketId = await serveOne();
    // A restart loses the pending timer.
    app.ctx.feedback.stop();
    now += 30_000;
    expect(app.ctx.feedback.recordUnanswered()).toBe(0);
    now += 60_000;
    expect(app.ctx.feedback.recordUnanswered()).toBe(1);
    const rating = app.ctx.feedbackStore.ratingOf(ticketId);
    expect(rating).toMatchObject({
      score: null,
      source: 'timeout',
      clerkId: 'user-clerk1',
      counterId: 'ctr-1',
    });
    expect(app.ctx.feedback.recordUnanswered()).toBe(0);
  });

  it('leaves a case alone while its pad request is still pending', async () => {
    await serveOne();
    now += 120_000;
    expect(app.ctx.feedback.recordUnanswered()).toBe(0);
  });

  it('stores a bad rating from the phone with a follow-up case due in 15 days', async () => {
    const ticketId = await serveOne();
    const r = app.ctx.feedback.rate({ ticketId, score: 2, reason: 'long_wait', source: 'phone' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.caseId).not.toBeNull();
    const followUp = app.ctx.feedbackStore.caseOf(r.data.caseId!);
    expect(followUp).toMatchObject({ kind: 'bad_rating', status: 'open', ticketId });
    expect(followUp!.dueAt - followUp!.openedAt).toBe(15 * 86_400_000);
    const again = app.ctx.feedback.rate({ ticketId, score: 5, source: 'phone' });
    expect(again).toMatchObject({ ok: false, error: { code: 'TICKET_ALREADY_RATED' } });
  });
});
