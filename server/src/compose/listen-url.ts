import type { FastifyInstance } from 'fastify';

/** `http://<listen host>:<port>` (a wildcard host reads as localhost; not listening: no port). */
export function listenUrl(fastify: FastifyInstance, host: string): string {
  const a = fastify.server.address();
  const h = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const name = h.includes(':') ? `[${h}]` : h;
  return a && typeof a === 'object' ? `http://${name}:${a.port}` : `http://${name}`;
}
