import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/server.js';
import { ensureUiBuilt } from '../support/ui-build.js';
import { ensureServerBuilt } from './ops-helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['scripts/run.mjs', ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, exited, output: () => out };
}

describe('npm start runs the compiled server with plain node', () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    for (const ui of ['kiosk', 'counter', 'display'] as const) await ensureUiBuilt(ui);
    await ensureServerBuilt();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start without a build and names the command to run', { timeout: 60_000 }, async () => {
    const bare = mkdtempSync(join(tmpdir(), 'guichet-unbuilt-'));
    dirs.push(bare);
    mkdirSync(join(bare, 'scripts'));
    copyFileSync(join(ROOT, 'scripts/run.mjs'), join(bare, 'scripts/run.mjs'));
    const r = run(bare, ['start']);
    expect(await r.exited).toBe(1);
    expect(r.output()).toMatch(/not built \(missing server\/dist\/main\.js.*\n.*Run: npm run build/);
  });

  it('finds its migrations and the built screens from the compiled file, and is healthy', {
    timeout: 90_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guichet-built-'));
    dirs.push(dataDir);
    const port = await freePort();
    const started = performance.now();
    const r = run(ROOT, ['start', '--demo'], {
      GUICHET_HOST: '127.0.0.1',
      GUICHET_PORT: String(port),
      GUICHET_DATA_DIR: dataDir,
      GUICHET_LOG_LEVEL: 'warn',
    });
    try {
      let health = 0;
      while (health !== 200) {
        if (r.child.exitCode !== null) throw new Error(`server exited:\n${r.output()}`);
        if (performance.now() - started > 60_000) throw new Error(`not healthy in 60 s:\n${r.output()}`);
        health = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
          (res) => res.status,
          () => 0,
        );
        if (health !== 200) await new Promise((res) => setTimeout(res, 20));
      }
      console.log(`[built start] healthy ${Math.round(performance.now() - started)} ms after spawn`);
      expect(r.output()).toContain('GUICHET_READY');
      expect(r.output()).not.toContain('UIs not built');
      for (const ui of ['kiosk', 'counter', 'display']) {
        const page = await fetch(`http://127.0.0.1:${port}/${ui}/`);
        expect([ui, page.status, page.headers.get('content-type')]).toEqual([
          ui,
          200,
          expect.stringContaining('text/html'),
        ]);
      }
    } finally {
      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
    }
  });
});
