import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RouteName } from '../../routes.js';

/**
 * The routes a screen's source calls by name (`call('name'`), read from every non-test file
 * under `dir`: a screen's check that each refusal it may meet has words follows its code, not a
 * list kept by hand. Routes named by a template (`counter:${command}`) the caller adds itself.
 */
export function routesCalledIn(dir: string): RouteName[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.tsx?$/.test(f) && !f.includes('.test.'),
  );
  const names = files.flatMap((f) =>
    [...readFileSync(path.join(dir, f), 'utf8').matchAll(/\bcall\(\s*'([a-z-]+:[a-z-]+|me)'/g)].map(
      (m) => m[1],
    ),
  );
  return [...new Set(names)] as RouteName[];
}
