import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { fakeDrivers } from './fakes.js';
import { type DeviceAlert, DeviceRegistry } from './registry.js';

const data = {
  hallName: 'Hall',
  serviceName: 'Social insurance',
  code: 'A001',
  ahead: 0,
  estimatedWaitMinutes: null,
  issuedAt: new Date(0).toISOString(),
  timezone: 'Asia/Shanghai',
  locale: 'en' as const,
  trackUrl: 'http://x/kiosk/track?t=1&k=2',
  priority: false,
};
const kiosk = (config: unknown) => ({ id: 'kiosk-1', kind: 'kiosk', branchId: 'b', counterId: null, config });
const led = (address: number, counterId = 'ctr-1') => ({
  id: `led-${counterId}`,
  kind: 'led',
  branchId: 'b',
  counterId,
  config: { bus: { path: '/dev/ttyFAKE', protocol: 'qlp1' }, address },
});

function setup() {
  const drivers = fakeDrivers();
  const alerts: DeviceAlert[] = [];
  const attached = vi.fn();
  const registry = new DeviceRegistry(drivers, pino({ level: 'silent' }), (a) => alerts.push(a), attached);
  return { drivers, alerts, attached, registry };
}

describe('DeviceRegistry', () => {
  it('prints through a kiosk printer made from its config, and says no_printer for a kiosk without one', async () => {
    const { drivers, registry } = setup();
    await registry.add(kiosk({ printer: { kind: 'tcp', host: '10.0.0.9' } }));
    expect(await registry.print('kiosk-1', 'job-1', data)).toEqual({ status: 'printed', reason: null });
    expect(drivers.printers.get('kiosk-1')?.jobs.map((j) => j.jobId)).toEqual(['job-1']);
    expect(await registry.print('kiosk-2', 'job-2', data)).toEqual({ status: 'no_printer', reason: null });
  });

  it('holds a job on a printer out of paper and tells the staff', async () => {
    const { drivers, registry, alerts } = setup();
    await registry.add(kiosk({ printer: { kind: 'demo' } }));
    drivers.printers.get('kiosk-1')!.set({ online: false, problem: 'paper_out' });
    expect(alerts.at(-1)).toMatchObject({
      deviceId: 'kiosk-1',
      kind: 'printer',
      online: false,
      problem: 'paper_out',
    });
    expect(await registry.print('kiosk-1', 'job-1', data)).toEqual({ status: 'held', reason: 'paper_out' });
    expect(registry.printerHealth()).toEqual([
      { deviceId: 'kiosk-1', branchId: 'b', online: false, problem: 'paper_out', heldJobs: 1 },
    ]);
  });

  it('alerts once per printer transition, not when only the number of held tickets changes', async () => {
    const { drivers, registry, alerts } = setup();
    await registry.add(kiosk({ printer: { kind: 'demo', maxHoldMs: 60_000 } }));
    const p = drivers.printers.get('kiosk-1')!;
    p.set({ online: false, problem: 'paper_out' });
    await registry.print('kiosk-1', 'job-1', data);
    await registry.print('kiosk-1', 'job-2', { ...data, code: 'A002' });
    p.set({ online: false, problem: 'paper_out' });
    expect(alerts.map((a) => `${a.online} ${a.problem}`)).toEqual(['false paper_out']);
    expect(registry.printerHealth()[0]?.heldJobs).toBe(2);
    p.set({ online: false, problem: 'cover_open' });
    expect(alerts.map((a) => a.problem)).toEqual(['paper_out', 'cover_open']);
  });

  it('reports a kiosk whose stored printer config is invalid as a failed printer, without throwing', async () => {
    const { registry, alerts } = setup();
    await registry.add(kiosk({ printer: { kind: 'tcp', host: '' } }));
    const outcome = await registry.print('kiosk-1', 'job-1', data);
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toContain('invalid config');
    expect(alerts.at(-1)).toMatchObject({ deviceId: 'kiosk-1', online: false });
  });

  it('adds, reconfigures and removes an LED display while running', async () => {
    const { drivers, registry, attached } = setup();
    await registry.add(led(3));
    expect(attached).toHaveBeenCalledWith('ctr-1');
    expect(registry.ledHealth()).toMatchObject([{ deviceId: 'led-ctr-1', counterId: 'ctr-1', address: 3 }]);
    const first = drivers.displays.get('led-ctr-1')!;
    await registry.reconfigure(led(5));
    expect(first.stopped).toBe(true);
    expect(registry.displayOf('ctr-1')?.address).toBe(5);
    await registry.remove('led-ctr-1');
    expect(registry.displayOf('ctr-1')).toBeUndefined();
    expect(drivers.displays.get('led-ctr-1')!.stopped).toBe(true);
  });

  it('refuses to register one device twice', async () => {
    const { registry } = setup();
    await registry.add(led(1));
    await expect(registry.add(led(1))).rejects.toThrow(/already registered/);
  });
});
