import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from '../http/errors.js';
import { ReportsUnavailable, ReportTimeout } from './host.js';
import { answerUnavailable } from './routes.js';

/**
 * The one answer to the engine's failures that the reports routes and the 好差评 rates route
 * share: a timeout is REPORT_TIMEOUT (a retry goes further), a stopped engine
 * REPORTS_UNAVAILABLE, anything else goes on to the error handler (a 500 that is logged).
 */
describe('answerUnavailable', () => {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  const failures: Record<string, Error> = {
    timeout: new ReportTimeout('the report took longer than 15000 ms and was stopped'),
    stopped: new ReportsUnavailable('the reports engine stopped (exit code 1)'),
    other: new Error('a bug'),
  };
  app.get('/:kind', async (req, reply) => {
    try {
      throw failures[(req.params as { kind: string }).kind];
    } catch (err) {
      return answerUnavailable(req, reply, err);
    }
  });

  it('answers a timeout 503 REPORT_TIMEOUT, a stopped engine 503 REPORTS_UNAVAILABLE, with their messages', async () => {
    const timeout = await app.inject({ url: '/timeout' });
    expect(timeout.statusCode).toBe(503);
    expect(timeout.json()).toEqual({
      error: { code: 'REPORT_TIMEOUT', message: 'the report took longer than 15000 ms and was stopped' },
    });
    const stopped = await app.inject({ url: '/stopped' });
    expect(stopped.statusCode).toBe(503);
    expect(stopped.json().error.code).toBe('REPORTS_UNAVAILABLE');
  });

  it('passes any other error on to the error handler', async () => {
    const other = await app.inject({ url: '/other' });
    expect(other.statusCode).toBe(500);
    expect(other.json().error.code).toBe('INTERNAL');
  });
});
