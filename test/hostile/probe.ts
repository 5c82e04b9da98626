import { io, type Socket } from 'socket.io-client';

/**
 * What a hostile probe tried and what held, printed at the end of each suite (the suite is
 * also the record: `npm run test:hostile`).
 */
const lines: string[] = [];
export function held(probe: string, outcome: string): void {
  lines.push(`  ${probe.padEnd(44)} ${outcome}`);
}
export function printReport(suite: string): void {
  process.stdout.write(`\nhostile probes — ${suite}\n${lines.join('\n')}\n`);
  lines.length = 0;
}

export function p99(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] ?? 0;
}

/** One Socket.IO client over WebSocket, no reconnection; resolves when connected or refused. */
export function open(
  url: string,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<{ socket: Socket; error: string | null }> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
    ...(opts.token ? { auth: { token: opts.token } } : {}),
    ...(opts.headers ? { extraHeaders: opts.headers } : {}),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (e: Error & { context?: unknown; description?: unknown }) => {
      socket.close();
      resolve({ socket, error: e.message });
    });
  });
}

/** Waits for a condition, polling; never a fixed sleep. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
