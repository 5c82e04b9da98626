import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type PrinterSimulator, startPrinterSimulator } from '../src/index.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'drivers/bin/guichet-device.ts', ...args], {
    cwd: root,
    timeout: 15_000,
  });

let sim: PrinterSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('guichet-device CLI', () => {
  it('print-test prints a Chinese test ticket on a TCP printer', async () => {
    sim = await startPrinterSimulator({ port: 0 });
    const { stdout } = await cli('print-test', '--tcp', `127.0.0.1:${sim.port}`);
    expect(stdout).toContain('"printed":true');
    expect(sim.tickets).toHaveLength(1);
    expect(sim.tickets[0]?.text).toContain('测试大厅');
    expect(sim.tickets[0]?.text).toContain('T001');
  });

  it('status reports paper out and exits 0; print-test exits 1 and prints nothing', async () => {
    sim = await startPrinterSimulator({ port: 0 });
    sim.setPaperOut(true);
    const { stdout } = await cli('status', '--tcp', `127.0.0.1:${sim.port}`);
    expect(stdout).toContain('PAPER OUT');
    await expect(cli('print-test', '--tcp', `127.0.0.1:${sim.port}`)).rejects.toMatchObject({ code: 1 });
    expect(sim.tickets).toHaveLength(0);
  });

  it('rejects an unknown command with usage and exit code 2', async () => {
    await expect(cli('frobnicate')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage:'),
    });
  });
});
