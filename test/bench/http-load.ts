import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';

export interface Reply {
  status: number;
  body: string;
}

/** One HTTP request over the given keep-alive agent; resolves with the status and the whole body. */
export function request(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          // A gzipped answer (asked for with Accept-Encoding, as a browser does) is read as the browser would.
          const raw = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, body: text.toString() });
        });
        res.on('error', reject);
      },
    );
    // A server that has not answered in two minutes is failing: say so rather than wait forever.
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: no answer in 120 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export interface LoadResult {
  /** Requests answered within the measured window. */
  count: number;
  statuses: Record<string, number>;
  /** Error codes (the `error.code` of 4xx bodies) and transport errors, counted. */
  refusals: Record<string, number>;
  elapsedMs: number;
  /** Latencies in ms, sorted. */
  latencies: Float64Array;
}

export interface LoadOptions {
  port: number;
  path: string;
  connections: number;
  durationMs: number;
  /** Built per request: `i` counts every request of this run from 0. */
  make(i: number): { body: unknown; headers: Record<string, string> };
}

/**
 * Closed-loop load: `connections` workers, each on its own keep-alive socket, send the next
 * request as soon as the previous one is answered, for `durationMs`.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const refusals: Record<string, number> = {};
  let next = 0;
  const start = performance.now();
  const end = start + o.durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const { body, headers } = o.make(next++);
      const t0 = performance.now();
      try {
        const r = await request(agent, o.port, 'POST', o.path, body, headers);
        latencies.push(performance.now() - t0);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status >= 400) {
          const code = errorCode(r.body) ?? `HTTP_${r.status}`;
          refusals[code] = (refusals[code] ?? 0) + 1;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'TRANSPORT_ERROR';
        refusals[code] = (refusals[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    count: sorted.length,
    statuses,
    refusals,
    elapsedMs,
    latencies: sorted,
  };
}

function errorCode(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : null;
  } catch {
    return null;
  }
}
