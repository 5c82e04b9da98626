// Runs a compiled command of the server (server/dist/<name>.js) with plain node:
//   node scripts/run.mjs start [--demo]  |  backup [...]  |  restore FILE
// Refuses, with the command to run, when the build is missing; warns when it is older than the
// sources it was made from (a `git pull` without `npm run build`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = { start: 'main', backup: 'backup', restore: 'restore' };
const UIS = ['kiosk-ui', 'counter-ui', 'display-ui'];
// What the bundle is compiled from (migrations and screens are read at run time, not compiled in).
const SOURCES = ['server/src', 'db/src', 'drivers/src'];

const [command = 'start', ...rest] = process.argv.slice(2);
const entry = COMMANDS[command];
if (!entry) {
  process.stderr.write(`unknown command "${command}": use ${Object.keys(COMMANDS).join(', ')}\n`);
  process.exit(2);
}
const built = join(ROOT, 'server/dist', `${entry}.js`);
const missing = [built, ...(command === 'start' ? UIS.map((ui) => join(ROOT, ui, 'dist/index.html')) : [])]
  .filter((file) => !existsSync(file))
  .map((file) => file.slice(ROOT.length + 1));
if (missing.length) {
  process.stderr.write(`Guichet is not built (missing ${missing.join(', ')}).\nRun: npm run build\n`);
  process.exit(1);
}
const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
};
const sources = Math.max(
  ...SOURCES.map((dir) => join(ROOT, dir))
    .filter(existsSync)
    .map(newest),
);
if (sources > statSync(built).mtimeMs) {
  process.stderr.write('warning: the sources changed after the last build; run npm run build to use them\n');
}

if (rest[0] === '--demo' && command === 'start') {
  process.env.GUICHET_DEMO = '1';
  rest.shift();
}
process.argv = [process.argv[0], built, ...rest];
process.setSourceMapsEnabled(true);
// Node 22.1+ keeps compiled code between starts (a faster restart); Node 20 has no such cache.
module.enableCompileCache?.();
await import(pathToFileURL(built).href);
