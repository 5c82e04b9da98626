import { MigrationError } from '@guichet/db';
import { buildApp } from './build-app.js';
import { ConfigError, loadConfig } from './config/env.js';
import { announce, writeDemoCredentials } from './demo/credentials.js';

/** Listens, prints how to open each screen, and shuts down gracefully on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const address = await app.fastify.listen({ host: config.host, port: config.port });
  const port = Number(new URL(address).port);
  const base = config.publicUrl ?? `http://localhost:${port}`;
  const demo = writeDemoCredentials(config.dataDir, base, app.demo);

  announce(config.dataDir, base, demo, app);
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

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationError) {
    console.error(`Guichet cannot start: ${err.message}`);
  } else {
    console.error('Guichet failed to start:', err);
  }
  process.exit(1);
});
