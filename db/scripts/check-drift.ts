/**
 * Fails when the Drizzle schema and the committed migrations disagree: drizzle-kit generates
 * into a scratch copy of the migrations, and any new file means a migration is missing.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const committed = resolve(root, 'db/migrations');
const scratch = mkdtempSync(join(tmpdir(), 'guichet-drift-'));
try {
  const out = join(scratch, 'migrations');
  cpSync(committed, out, { recursive: true });
  const config = join(scratch, 'drizzle.config.ts');
  writeFileSync(
    config,
    `export default { dialect: 'sqlite', schema: ${JSON.stringify(resolve(root, 'db/src/schema/index.ts'))}, out: ${JSON.stringify(out)} };\n`,
  );
  const before = readdirSync(out).filter((f) => f.endsWith('.sql')).length;
  execFileSync(resolve(root, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', config], {
    cwd: root,
    stdio: 'pipe',
  });
  const after = readdirSync(out).filter((f) => f.endsWith('.sql'));
  if (after.length !== before) {
    console.error(
      `schema drift: the schema in db/src/schema needs a migration (${after.at(-1)}). Run npm run db:generate.`,
    );
    process.exit(1);
  }
  console.log(`db:check: schema and ${before} committed migration(s) agree`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
