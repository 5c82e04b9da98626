import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const UIS = ['kiosk', 'counter', 'display', 'manager'] as const;

export function uiDist(ui: (typeof UIS)[number]): string {
  return resolve(ROOT, `${ui}-ui/dist`);
}

/**
 * Serves each built UI under its prefix. A path inside a UI that is not a file (a client-side
 * route such as /kiosk/track) gets the UI's index.html.
 */
export async function registerUis(app: FastifyInstance): Promise<string[]> {
  const served: string[] = [];
  for (const ui of UIS) {
    const root = uiDist(ui);
    if (!existsSync(resolve(root, 'index.html'))) continue;
    // One registration gives reply.sendFile; each UI's routes below choose the root per request.
    if (served.length === 0) await app.register(fastifyStatic, { root, serve: false });
    app.get(`/${ui}/*`, (req, reply) => {
      const path = (req.params as { '*': string })['*'];
      // Hashed assets are immutable; anything else that is missing is a client-side route.
      if (path.startsWith('assets/')) {
        return reply.sendFile(path, root, { immutable: true, maxAge: 365 * 86_400_000 });
      }
      if (path && !path.includes('..') && existsSync(resolve(root, path))) return reply.sendFile(path, root);
      return reply.sendFile('index.html', root, { cacheControl: false });
    });
    app.get(`/${ui}`, (_req, reply) => reply.redirect(`/${ui}/`));
    served.push(ui);
  }
  return served;
}
