/**
 * Where a ticket lifecycle's database bytes go: `tsx test/bench/storage.ts [cycles]` runs
 * issue → call-next → finish cycles on the in-process app (a WAL file, production log level
 * level info), lets the "not rated" timeouts fire, and prints the bytes each table and index
 * grew by per cycle (SQLite's dbstat), before any retention, and the info log's bytes per cycle.
 */
import Database from 'better-sqlite3';
import { build } from '../support/build.js';

const cycles = Number(process.argv[2] ?? 2000);

function perObject(file: string): Map<string, number> {
  const db = new Database(file, { readonly: false });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as {
      name: string;
      bytes: number;
    }[];
    return new Map(rows.map((r) => [r.name, r.bytes]));
  } finally {
    db.close();
  }
}

async function main() {
  const app = await build({
    db: 'file',
    env: {
      GUICHET_RATING_TIMEOUT_SECONDS: '5',
      GUICHET_LOG_LEVEL: 'info',
      GUICHET_ISSUE_PER_DEVICE_PER_MINUTE: '100000',
      GUICHET_ISSUE_PER_ADDRESS_PER_MINUTE: '100000',
      GUICHET_API_PER_MINUTE: '100000',
    },
  });
  const api = async (method: string, url: string, body: unknown, token: string) => {
    const r = await app.fastify.inject({
      method: method as 'POST',
      url,
      payload: body as object,
      headers: { authorization: `Bearer ${token}` },
    });
    if (r.statusCode >= 400) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const login = await app.fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'clerk1', password: app.demo.passwords.clerk1 },
  });
  const token = login.json().token as string;
  await api('POST', '/api/v1/counters/ctr-1/open', {}, token);
  const kiosk = app.demo.devices['kiosk-2'] as string;
  const before = perObject(app.dbFile);
  const logBefore = Buffer.byteLength(app.output());
  for (let i = 0; i < cycles; i++) {
    await api('POST', `/api/v1/branches/${app.demo.branchId}/tickets`, { serviceId: 'svc-social' }, kiosk);
    await api('POST', '/api/v1/counters/ctr-1/call-next', {}, token);
    await api('POST', '/api/v1/counters/ctr-1/finish', {}, token);
  }
  await new Promise((res) => setTimeout(res, 6500));
  const after = perObject(app.dbFile);
  let total = 0;
  const lines: [string, number][] = [];
  for (const [name, bytes] of after) {
    const d = (bytes - (before.get(name) ?? 0)) / cycles;
    total += d;
    if (Math.abs(d) >= 1) lines.push([name, d]);
  }
  lines.sort((a, b) => b[1] - a[1]);
  for (const [name, d] of lines) console.log(`${name.padEnd(32)} ${d.toFixed(0).padStart(6)} B/cycle`);
  console.log(`${'total'.padEnd(32)} ${total.toFixed(0).padStart(6)} B/cycle over ${cycles} cycles`);
  await app.close();
  // Closing writes the last request summary.
  const logBytes = Buffer.byteLength(app.output()) - logBefore;
  console.log(`info log ${(logBytes / cycles).toFixed(0)} B/cycle`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
