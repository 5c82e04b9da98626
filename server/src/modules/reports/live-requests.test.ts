import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { LiveWork } from './give-way.js';
import { countLiveRequests } from './live-requests.js';

describe('which requests the reports give way to', () => {
  it('every request but a report raises the flag while it is served, and it comes down after', async () => {
    const live = new LiveWork();
    const app = Fastify();
    countLiveRequests(app, live);
    const seen: Record<string, boolean> = {};
    app.post('/api/v1/counters/:id/call-next', async () => {
      seen.call = live.busy;
      return {};
    });
    app.get('/api/v1/branches/:id/reports/summary', async () => {
      seen.report = live.busy;
      return {};
    });
    await app.inject({ method: 'POST', url: '/api/v1/counters/c1/call-next' });
    // Down once the answer is out and two turns have passed (its broadcasts' turn).
    for (let i = 0; i < 100 && live.busy; i++) await new Promise((r) => setImmediate(r));
    expect(live.busy).toBe(false);
    await app.inject({ method: 'GET', url: '/api/v1/branches/b1/reports/summary?from=x' });
    expect(seen).toEqual({ call: true, report: false });
    await app.close();
  });
});
