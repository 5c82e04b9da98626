import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdempotencyKey } from '../../server/src/protocol/kit/index.js';
import { BRANCH, readTickets } from '../integration/helpers.js';
import { request } from '../support/api.js';
import { skipReason } from '../support/require.js';
import { type RunningServer, startServer } from '../support/server.js';
import { held, printReport, until } from './probe.js';

const SIZE_MB = 16;
/** At most this many tickets while the disk fills (the WAL's slack is used first). */
const MAX_ATTEMPTS = 500;

/** A real small tmpfs as the data directory: mounting needs root; without it the suite skips. */
function mountTmpfs(): { dir: string; error: string | null } {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE_MB}m,mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
    return { dir, error: null };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    return { dir, error: `cannot mount a ${SIZE_MB} MB tmpfs (${why})` };
  }
}

const mounted = mountTmpfs();
const skip = skipReason(mounted.error, 'hostile disk full');

type Answer = { status: number; body: { id?: string; code?: string; error?: { code: string } } };

describe.skipIf(skip)(`hostile disk: the data directory on a ${SIZE_MB} MB tmpfs fills up`, () => {
  let server: RunningServer;
  const dir = mounted.dir;
  const filler = join(dir, 'filler');

  /** The kiosk's request exactly (kiosk-ui/src/kiosk/actions.ts): its body, token and Idempotency-Key. */
  const issue = async (key: string): Promise<Answer> => {
    const r = await request(server, 'POST', `/api/v1/branches/${BRANCH}/tickets`, {
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${server.demo.devices['kiosk-1']}`,
        'idempotency-key': key,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ serviceId: 'svc-social', locale: 'zh-CN' }),
    });
    return { status: r.status, body: JSON.parse(r.text) };
  };
  const health = async () => {
    const r = await request(server, 'GET', '/api/v1/health');
    return { http: r.status, ...(JSON.parse(r.text) as { status: string; database: string }) };
  };
  const freeBytes = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };

  beforeAll(async () => {
    server = await startServer({ dataDir: dir });
  }, 90_000);
  afterAll(async () => {
    printReport('disk full');
    await server?.stop();
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while full, says degraded, and the kiosk’s retry gets its one ticket once space is freed', async () => {
    const acked = new Map<string, string>();
    const first = await issue(newIdempotencyKey());
    expect(first.status).toBe(201);
    acked.set(first.body.id!, first.body.code!);
    expect(await health()).toMatchObject({ http: 200, status: 'ok', database: 'ok' });

    // Fill the disk the way a runaway log or a copied file would, until the kernel says ENOSPC.
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 0x5a);
    let filled = 0;
    try {
      for (;;) filled += writeSync(fd, chunk);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    const freeAfterFill = freeBytes();

    // The write-ahead log has some slack: tickets commit until it is used up, then the first 503.
    let key = '';
    let refusal: Answer | null = null;
    let before = 0;
    for (let i = 0; i < MAX_ATTEMPTS && !refusal; i++) {
      key = newIdempotencyKey();
      const r = await issue(key);
      if (r.status === 201) {
        acked.set(r.body.id!, r.body.code!);
        before++;
      } else refusal = r;
    }
    expect(refusal, `no refusal after ${MAX_ATTEMPTS} tickets on a full disk`).not.toBeNull();
    expect([refusal!.status, refusal!.body.error?.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
    const sick = await health();
    expect(sick).toMatchObject({ http: 503, status: 'degraded', database: 'write_failing' });

    // The kiosk keeps the key of an answer that was a 5xx and sends the same request again.
    const whileFull: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await issue(key);
      whileFull.push(`${r.status} ${r.body.error?.code ?? r.body.code}`);
      expect(r.body.error?.code).not.toBe('IDEMPOTENCY_KEY_REUSED');
      expect(r.status).toBe(503);
    }

    rmSync(filler);
    const retried = await issue(key);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    acked.set(retried.body.id!, retried.body.code!);
    const again = await issue(key);
    expect([again.status, again.body.id]).toEqual([200, retried.body.id]);
    await until('health back to ok', async () => (await health()).http === 200, 10_000);
    const well = await health();
    expect([well.http, well.status, well.database]).toEqual([200, 'ok', 'ok']);

    const rows = readTickets(server);
    const withKey = rows.filter((r) => r.idempotency_key === key);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = [...acked].filter(([id, code]) => byId.get(id)?.code !== code);
    const numbers = rows.map((r) => `${r.service_id}/${r.code}`);
    expect(withKey.map((r) => r.id)).toEqual([retried.body.id]);
    expect(missing).toEqual([]);
    expect(new Set(numbers).size).toBe(numbers.length);

    held(
      `filled the ${SIZE_MB} MB tmpfs`,
      `${(filled / 1048576).toFixed(1)} MB written, ${freeAfterFill} bytes left`,
    );
    held('tickets committed into the WAL’s slack', `${before}, then 503 ${refusal!.body.error?.code}`);
    held('health while full', `${sick.http} ${sick.status}/${sick.database}`);
    held('kiosk retries, same Idempotency-Key, full', whileFull.join(', '));
    held('the same retry after freeing space', `201 ${retried.body.code}, then 200 the same ticket`);
    held(
      'tickets with that key in the database',
      `${withKey.length}; acknowledged missing: ${missing.length}`,
    );
    held('numbers issued twice', `${numbers.length - new Set(numbers).size} of ${numbers.length}`);
    held('health after the retry', `${well.http} ${well.status}/${well.database}`);
  }, 120_000);
});
