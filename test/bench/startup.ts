/**
 * Start to healthy: spawn the server on a data directory and poll GET /api/v1/health every
 * 50 ms (its rate limit is 120 a minute) until it answers 200.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { request } from './http-load.js';
import { freePort, startGuichet } from './procs.js';
import { sleep } from './util.js';

export async function startToHealthy(
  dataDir: string,
  logFile: string,
): Promise<{ healthyMs: number; readyMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const starting = startGuichet({ dataDir, logFile, port });
  const agent = new http.Agent({ keepAlive: false });
  let healthyMs = Number.NaN;
  while (performance.now() - t0 < 180_000) {
    const r = await request(agent, port, 'GET', '/api/v1/health', undefined).catch(() => null);
    if (r?.status === 200) {
      healthyMs = performance.now() - t0;
      break;
    }
    await sleep(50);
  }
  agent.destroy();
  const g = await starting;
  await g.stop();
  return { healthyMs, readyMs: g.readyMs };
}
