import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError } from '@guichet/db';
import { buildApp } from './build-app.js';
import { ConfigError, loadConfig } from './config/env.js';
import type { DemoCredentials } from './demo/seed.js';

/** Listens, prints how to open each screen, and shuts down gracefully on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const address = await app.fastify.listen({ host: config.host, port: config.port });
  const port = Number(new URL(address).port);
  const base = config.publicUrl ?? `http://localhost:${port}`;
  const demo = writeDemoCredentials(config.dataDir, base, app.demo);

  if (demo) {
    console.log(`\nGuichet — demo hall "${demo.branchId}" at ${base}`);
    console.log(`  Kiosk            ${demo.urls.kiosk}`);
    console.log(`  Hall display     ${demo.urls.display}`);
    console.log(`  Portrait display ${demo.urls.displayPortrait}`);
    console.log(
      `  Clerk console    ${demo.urls.counter}   (clerk1 … clerk8 or staff no. 1001 … 1008, password ${demo.password})`,
    );
    console.log(`  Rating pad       ${demo.urls.pad}`);
    console.log(`  Manager          manager / ${demo.password}`);
    console.log(`  API docs         ${demo.urls.docs}`);
    console.log(`  Every token and URL: ${join(config.dataDir, 'demo-credentials.json')}\n`);
  }
  if (app.generatedAdminPassword) {
    console.log(
      `First admin account: admin / ${app.generatedAdminPassword} (set GUICHET_ADMIN_PASSWORD to choose it)`,
    );
  }
  if (app.uis.length < 3)
    console.log(`UIs not built (${app.uis.join(', ') || 'none'} served): run npm run build`);
  // A machine-readable line for supervisors and the test harness.
  console.log(`GUICHET_READY ${JSON.stringify({ port, url: base, dataDir: config.dataDir })}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Keeps demo-credentials.json current: tokens come from the first start, the address from this one. */
function writeDemoCredentials(
  dataDir: string,
  base: string,
  fresh: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null,
): DemoCredentials | null {
  const file = join(dataDir, 'demo-credentials.json');
  const known =
    fresh ?? (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials) : null);
  if (!known) return null;
  const d = known.devices;
  const creds: DemoCredentials = {
    ...known,
    baseUrl: base,
    urls: {
      kiosk: `${base}/kiosk/?device=${d['kiosk-1']}`,
      display: `${base}/display/?device=${d['display-1']}`,
      displayPortrait: `${base}/display/?device=${d['display-2']}`,
      counter: `${base}/counter/`,
      pad: `${base}/counter/pad?device=${d['pad-1']}`,
      docs: `${base}/api/docs`,
    },
  };
  writeFileSync(file, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  return creds;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationError) {
    console.error(`Guichet cannot start: ${err.message}`);
  } else {
    console.error('Guichet failed to start:', err);
  }
  process.exit(1);
});
