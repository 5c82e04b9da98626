import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { PrinterSimulator, TicketPrintData } from '../src/index.js';

/**
 * Polls `cond` every 10 ms until it holds; fails naming `what` after `ms`. The drivers' suites
 * wait for what a device did, never for a fixed time (the machine is shared and loaded).
 */
export async function waitFor(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Resolves once the printer has read the simulator's status `readings` more times (a reading
 * starts with DLE EOT 1): "nothing printed after several polls" is checked by polls seen, not by
 * a time that a loaded machine may not fill.
 */
export async function statusReadings(sim: PrinterSimulator, readings: number, ms = 10_000): Promise<void> {
  let seen = 0;
  const count = (n: number) => {
    if (n === 1) seen += 1;
  };
  sim.on('status-query', count);
  try {
    await waitFor(() => seen >= readings, ms, `${readings} status readings`);
  } finally {
    sim.off('status-query', count);
  }
}

/**
 * A temporary folder for one suite's pty links (socat's `link=`) and files, made before its
 * tests and removed after them. Call inside `describe`. Its name is chosen at once, so the
 * suite can name its paths (`at(name)`) as constants; nothing is created for a skipped suite.
 */
export function suiteDir(prefix: string): { at(name: string): string } {
  const dir = path.join(tmpdir(), `${prefix}${randomUUID()}`);
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { at: (name) => path.join(dir, name) };
}

/** A Chinese ticket as the kiosk sends it to the printer; a suite overrides what it checks. */
export function ticketData(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    hallName: '市民服务中心',
    serviceName: '户籍办理 Household registration',
    code: 'A012',
    ahead: 3,
    estimatedWaitMinutes: 12,
    issuedAt: '2026-03-01T06:05:00Z',
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
    trackUrl: 'https://q.example/t/A012',
    ...overrides,
  };
}
