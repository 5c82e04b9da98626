import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '../../server/src/protocol/index.js';
import { type RunningServer, startServer } from '../support/server.js';
import { issue, readTickets } from './helpers.js';
import { ensureServerBuilt, mode, runOpsCli } from './ops-helpers.js';

const SERVICES = ['svc-social', 'svc-medical', 'svc-employment', 'svc-pension'] as const;
/** Bounds the load whatever happens: at most this many issue requests in all. */
const MAX_REQUESTS = 1500;

interface Acked {
  ticket: IssuedTicket;
  at: number;
}

/** Kiosks issuing as fast as they are answered until told to stop; 429s are honoured, not counted. */
function issuingLoad(server: RunningServer) {
  const acked: Acked[] = [];
  const refused = new Map<number, number>();
  let sent = 0;
  let stopped = false;
  const tokens = [server.demo.devices['kiosk-1'], server.demo.devices['kiosk-2']];
  const loops = Array.from({ length: 4 }, async (_, loop) => {
    while (!stopped && sent < MAX_REQUESTS) {
      const serviceId = SERVICES[(loop + sent++) % SERVICES.length]!;
      const r = await issue(server, serviceId, { token: tokens[loop % 2] });
      if (r.status === 201) acked.push({ ticket: r.body, at: performance.now() });
      else {
        refused.set(r.status, (refused.get(r.status) ?? 0) + 1);
        if (r.status === 429) await new Promise((res) => setTimeout(res, 250));
      }
    }
  });
  return {
    acked,
    refused,
    stop: () => {
      stopped = true;
      return Promise.all(loops);
    },
  };
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

describe('backup and restore', () => {
  let server: RunningServer;
  let dataDir: string;
  const cleanup: string[] = [];
  let firstTicket = '';

  beforeAll(async () => {
    await ensureServerBuilt();
    // A data directory an older release left open to everyone: the server must close it.
    dataDir = mkdtempSync(join(tmpdir(), 'guichet-backup-'));
    chmodSync(dataDir, 0o755);
    cleanup.push(dataDir);
    server = await startServer({ dataDir });
  });
  afterAll(async () => {
    await server?.dispose();
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the data directory 0700 and the database, its -wal and -shm 0600', async () => {
    const first = await issue(server, 'svc-social');
    expect(first.status).toBe(201);
    firstTicket = first.body.id;
    expect(mode(dataDir)).toBe('700');
    for (const f of ['guichet.sqlite', 'guichet.sqlite-wal', 'guichet.sqlite-shm', 'demo-credentials.json']) {
      expect([f, mode(join(dataDir, f))]).toEqual([f, '600']);
    }
  });

  // Generous limits: several real processes on a machine that may be busy.
  it('backs up under issuing load; the restored copy has every ticket acknowledged before it began', {
    timeout: 180_000,
  }, async () => {
    const load = issuingLoad(server);
    await until(() => load.acked.length >= 50, '50 tickets before the backup');
    const began = performance.now();
    const before = load.acked.filter((a) => a.at < began).map((a) => a.ticket);
    const file = join(dataDir, 'backups', 'under-load.sqlite');
    const backup = await runOpsCli('backup', ['--to', file, '--json'], dataDir);
    const ended = performance.now();
    const duringBackup = load.acked.filter((a) => a.at >= began && a.at <= ended).length;
    await until(() => load.acked.some((a) => a.at > ended), 'a ticket after the backup');
    await load.stop();
    expect([backup.code, backup.stderr]).toEqual([0, '']);
    const report = JSON.parse(backup.stdout) as {
      bytes: number;
      copyMs: number;
      totalMs: number;
      tickets: number;
    };
    expect(mode(file)).toBe('600');
    expect(mode(join(dataDir, 'backups'))).toBe('700');
    expect(existsSync(`${file}-wal`)).toBe(false);
    console.log(
      `[backup] ${(report.bytes / 1024).toFixed(0)} KiB, ${report.tickets} tickets; copy ${report.copyMs.toFixed(1)} ms, ` +
        `verified ${report.totalMs.toFixed(1)} ms, CLI ${backup.ms.toFixed(0)} ms; ${duringBackup} tickets acknowledged ` +
        `while it ran, ${load.acked.length} in all, refused ${JSON.stringify(Object.fromEntries(load.refused))}`,
    );

    const restoredDir = mkdtempSync(join(tmpdir(), 'guichet-restored-'));
    cleanup.push(restoredDir);
    const restore = await runOpsCli('restore', [file, '--json'], restoredDir);
    expect([restore.code, restore.stderr]).toEqual([0, '']);
    console.log(`[restore] ${JSON.parse(restore.stdout).ms.toFixed(1)} ms, CLI ${restore.ms.toFixed(0)} ms`);
    copyFileSync(join(dataDir, 'demo-credentials.json'), join(restoredDir, 'demo-credentials.json'));

    const restored = await startServer({ dataDir: restoredDir });
    try {
      const rows = readTickets(restored);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const missing = before.filter((t) => byId.get(t.id)?.code !== t.code);
      expect(missing).toEqual([]);
      // One consistent moment: only acknowledged tickets, and per service numbers 1…n with no gap.
      const everAcked = new Set([firstTicket, ...load.acked.map((a) => a.ticket.id)]);
      expect(rows.filter((r) => !everAcked.has(r.id)).map((r) => r.code)).toEqual([]);
      for (const service of SERVICES) {
        const seqs = rows.filter((r) => r.service_id === service).map((r) => r.seq);
        expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i + 1));
      }
      // The restored server keeps numbering from the backup's last number.
      const last = Math.max(0, ...rows.filter((r) => r.service_id === 'svc-pension').map((r) => r.seq));
      const next = await issue(restored, 'svc-pension');
      expect(next.status).toBe(201);
      expect(next.body.code).toBe(`F${String(last + 1).padStart(3, '0')}`);
    } finally {
      await restored.stop();
    }
  });

  it('refuses a wrong or damaged file and a database in use, changing nothing', {
    timeout: 180_000,
  }, async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'guichet-refuse-'));
    cleanup.push(scratch);
    const good = join(scratch, 'good.sqlite');
    expect((await runOpsCli('backup', ['--to', good], dataDir)).code).toBe(0);

    const notSqlite = join(scratch, 'notes.txt');
    copyFileSync(join(import.meta.dirname, '../README.md'), notSqlite);
    const foreign = join(scratch, 'foreign.sqlite');
    new Database(foreign).exec('CREATE TABLE t (x)').close();
    const newer = join(scratch, 'newer.sqlite');
    copyFileSync(good, newer);
    new Database(newer)
      .exec(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('f00d', 4102444800000)`)
      .close();
    const damaged = join(scratch, 'damaged.sqlite');
    copyFileSync(good, damaged);
    damage(damaged);

    const target = mkdtempSync(join(tmpdir(), 'guichet-target-'));
    cleanup.push(target);
    copyFileSync(good, join(target, 'guichet.sqlite'));
    const cases: [string, string, RegExp][] = [
      ['not SQLite', notSqlite, /not an SQLite database/],
      ['another application', foreign, /not a Guichet database/],
      ['a newer release', newer, /newer Guichet/],
      ['damaged', damaged, /damaged/],
      ['missing', join(scratch, 'nope.sqlite'), /no such file/],
    ];
    for (const [what, file, message] of cases) {
      const r = await runOpsCli('restore', [file], target);
      expect([what, r.code, r.stderr]).toEqual([what, 1, expect.stringMatching(message)]);
    }
    const inUse = await runOpsCli('restore', [good], dataDir);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toMatch(/in use: stop the Guichet server/);
    // Nothing was replaced, and no partial copy was left behind.
    expect(readTickets(server).length).toBeGreaterThan(50);
    for (const dir of [target, dataDir]) {
      expect(existsSync(join(dir, '.guichet.sqlite.restore.partial'))).toBe(false);
    }
    const kept = new Database(join(target, 'guichet.sqlite'), { readonly: true });
    expect(kept.pragma('integrity_check', { simple: true })).toBe('ok');
    kept.close();
  });
});

/** Overwrites the middle of every b-tree page of the tickets table: the kind of damage a bad disk does. */
function damage(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = (
    db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'tickets'`).get() as { rootpage: number }
  ).rootpage;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (root - 1) * pageSize + 8);
  closeSync(fd);
}
