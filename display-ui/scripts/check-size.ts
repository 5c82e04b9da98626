/**
 * Fails the build when the board's JavaScript grows past its budget: the board runs on cheap
 * TV sticks and kiosk PCs that reload it after every power cut.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_GZIP_BYTES = 60 * 1024;

export function gzippedJsSize(dir: string): { files: { name: string; gzip: number }[]; total: number } {
  const files: { name: string; gzip: number }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js'))
        files.push({
          name: path.slice(dir.length + 1),
          gzip: gzipSync(readFileSync(path), { level: 9 }).length,
        });
    }
  };
  walk(dir);
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

const dist = resolve(import.meta.dirname, '../dist');
const { files, total } = gzippedJsSize(dist);
for (const f of files) process.stdout.write(`  ${f.name}: ${(f.gzip / 1024).toFixed(1)} kB gzip\n`);
const line = `display-ui JS: ${(total / 1024).toFixed(1)} kB gzipped (budget ${BUDGET_GZIP_BYTES / 1024} kB)\n`;
if (files.length === 0 || total > BUDGET_GZIP_BYTES) {
  process.stderr.write(files.length === 0 ? `no JS found in ${dist}\n` : `FAIL ${line}`);
  process.exit(1);
}
process.stdout.write(line);
