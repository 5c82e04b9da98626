import type { FastifyInstance } from 'fastify';
import type { LiveWork } from './give-way.js';

/** Report routes (…/reports/…): the work that gives way, not work to give way to. */
const REPORT_PATH = /\/reports\//;

/**
 * Raises the live-work flag (give-way.ts) for every HTTP request but a report, from its arrival
 * until its connection is done with it ('close' comes for answered and abandoned requests
 * alike, so the count never leaks). On the root instance: its hook sees every route.
 */
export function countLiveRequests(fastify: FastifyInstance, live: LiveWork): void {
  fastify.addHook('onRequest', async (req, reply) => {
    if (REPORT_PATH.test(req.url)) return;
    live.begin();
    reply.raw.once('close', () => live.end());
  });
}
