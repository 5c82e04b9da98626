import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisplaySimulator } from '@guichet/drivers';
import type { DeviceStatusEvent } from '@guichet/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SocatPair, socatSkipReason, startSocatPair } from '../../drivers/test/socat.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { collectDeviceStatus, type GuichetClient } from './helpers.js';

/**
 * The server drives the LED display above a counter over a real serial pair: a call shows the
 * code, a pause shows the pause message, and an unplugged bus gets the latest state replayed.
 */
const skip = socatSkipReason();
if (skip) console.warn(`[skip] LED display integration: ${skip}`);

const waitFor = async (what: string, cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.skipIf(skip !== null)('LED counter displays driven by the server over a serial pair', () => {
  let dir: string;
  let pair: SocatPair;
  let sim: DisplaySimulator;
  let server: TestApp;
  let clerk: string;
  let kiosk: string;
  let staff: GuichetClient;
  const alerts: DeviceStatusEvent[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-led-'));
    pair = await startSocatPair(join(dir, 'host'), join(dir, 'display'));
    sim = new DisplaySimulator({ path: pair.b, protocol: 'qlp1' });
    await sim.start();
    server = await build({ env: { GUICHET_DEMO_LED: `${pair.a}:qlp1` } });
    clerk = await login(server, 'clerk1');
    kiosk = server.demo.devices['kiosk-2']!;
    await server.listen();
    staff = await collectDeviceStatus(server, clerk, alerts);
  });

  afterAll(async () => {
    staff?.disconnect();
    await server?.close();
    await sim?.stop();
    await pair?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const shown = (address: number) => sim.current.get(address);

  it('shows the called code blinking above the counter that called it, and the pause message after', async () => {
    const issued = await api<{ code: string }>(server, 'POST', '/branches/demo-hall/tickets', {
      token: kiosk,
      body: { serviceId: 'svc-social' },
    });
    expect(issued.status).toBe(201);
    expect((await api(server, 'POST', '/counters/ctr-1/open', { token: clerk })).status).toBe(200);
    expect((await api(server, 'POST', '/counters/ctr-1/call-next', { token: clerk })).status).toBe(200);
    await waitFor('display 1 shows the code', () => shown(1)?.text === issued.body.code);
    expect(shown(1)?.blinking).toBe(true);
    // The display above counter 2, which is closed, says so.
    await waitFor('display 2 shows its closed message', () => shown(2)?.text === 'CLOSED');

    await api(server, 'POST', '/counters/ctr-1/finish', { token: clerk, body: { outcome: 'served' } });
    await api(server, 'POST', '/counters/ctr-1/pause', { token: clerk, body: { reason: 'lunch' } });
    await waitFor('display 1 shows the pause message', () => shown(1)?.text === 'PAUSE');

    const health = await api<{ ledDisplays: { counterId: string; online: boolean }[] }>(
      server,
      'GET',
      '/health',
    );
    expect(health.body.ledDisplays.find((d) => d.counterId === 'ctr-1')?.online).toBe(true);
    // QLP/1 SEQ numbers persist in the data directory, so a restart continues the sequence.
    const seqs = JSON.parse(readFileSync(join(server.dataDir, 'qlp1-seq.json'), 'utf8'));
    expect(seqs[pair.a]?.['1']).toBeGreaterThan(0);
  });

  it('replays the latest state to the display after the bus is unplugged and plugged back', async () => {
    const ledAlerts = () => alerts.filter((a) => a.kind === 'led');
    const before = ledAlerts().length;
    await sim.stop();
    await pair.stop();
    // While unplugged, the counter resumes and calls again: the display cannot hear it.
    const issued = await api<{ code: string }>(server, 'POST', '/branches/demo-hall/tickets', {
      token: kiosk,
      body: { serviceId: 'svc-social' },
    });
    await api(server, 'POST', '/counters/ctr-1/resume', { token: clerk });
    await api(server, 'POST', '/counters/ctr-1/call-next', { token: clerk });

    pair = await startSocatPair(pair.a, pair.b);
    sim = new DisplaySimulator({ path: pair.b, protocol: 'qlp1' });
    await sim.start();
    await waitFor(
      'display 1 shows the call made while unplugged',
      () => shown(1)?.text === issued.body.code,
      20_000,
    );
    // Staff hear of the display once when its bus goes, once when it answers again: never per retry.
    const seen = () =>
      ledAlerts()
        .slice(before)
        .filter((a) => a.deviceId === 'led-1')
        .map((a) => (a.online ? 'online' : 'not online'));
    await waitFor('display 1 reported back', () => seen().includes('online'), 20_000);
    expect(seen()).toEqual(['not online', 'online']);
  }, 40_000);
});
