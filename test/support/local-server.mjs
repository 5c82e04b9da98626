// What every server this machine starts for a test or a measurement has in common: a free port
// on 127.0.0.1 and the environment of a demo hall there. Plain JavaScript, so that the scripts
// run by plain node (scripts/time-to-healthy.mjs, test/fixtures/make-release-db.mjs) can import
// it as well as the TypeScript suites (types in local-server.d.mts).
import { createServer } from 'node:net';

/** A port free on 127.0.0.1 right now (the system picks it; the probe is closed before it answers). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

/**
 * The environment of a server on 127.0.0.1:`port` with its data in `dataDir`: this process's
 * own, the demo hall, warnings and errors logged; `extra` adds variables or overrides these.
 */
export function localServerEnv(port, dataDir, extra = {}) {
  return {
    ...process.env,
    GUICHET_HOST: '127.0.0.1',
    GUICHET_PORT: String(port),
    GUICHET_DATA_DIR: dataDir,
    GUICHET_DEMO: '1',
    GUICHET_LOG_LEVEL: 'warn',
    ...extra,
  };
}
