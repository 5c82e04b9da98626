import { describe, expect, it } from 'vitest';
import { DEMO_HALL, demoSettings } from '../../demo/hall.js';
import { parseBranchSettings, parseDeviceConfig, parseEmergency, parseWorkProfile } from './parse.js';

describe('stored configuration', () => {
  it('accepts the demo hall as it is seeded', () => {
    expect(parseBranchSettings(demoSettings).ok).toBe(true);
    for (const c of DEMO_HALL.counters) expect(parseWorkProfile(c.profile).ok).toBe(true);
    expect(parseDeviceConfig('kiosk', { printer: { kind: 'demo' } }).ok).toBe(true);
    expect(parseDeviceConfig('led', { bus: { path: '/dev/ttyUSB0', protocol: 'qlp1' }, address: 3 }).ok).toBe(
      true,
    );
    expect(parseDeviceConfig('display', { layout: 'portrait', voice: { enabled: true, repeat: 1 } }).ok).toBe(
      true,
    );
    expect(parseEmergency(null)).toEqual({ ok: true, value: null });
  });

  it.each([
    [
      'branch settings with an hour past midnight',
      () => parseBranchSettings({ ...demoSettings, hours: { 1: [{ open: '25:00', close: '26:00' }] } }),
      '/hours/1/0/open',
    ],
    [
      'branch settings without a sample size',
      () => parseBranchSettings({ ...demoSettings, ewtSampleSize: undefined }),
      'ewtSampleSize',
    ],
    [
      'an LED display without an address',
      () => parseDeviceConfig('led', { bus: { path: '/dev/x', protocol: 'qlp1' } }),
      'address',
    ],
    [
      'an LED display on an unknown protocol',
      () => parseDeviceConfig('led', { bus: { path: '/dev/x', protocol: 'morse' }, address: 1 }),
      '/bus/protocol',
    ],
    [
      'a TCP printer on port 0',
      () => parseDeviceConfig('kiosk', { printer: { kind: 'tcp', host: 'p', port: 0 } }),
      '/printer',
    ],
    ['a device of an unknown kind', () => parseDeviceConfig('toaster', {}), 'unknown device kind toaster'],
    ['an emergency without a message', () => parseEmergency({ stopIssuing: true, since: 1 }), 'message'],
  ])('refuses %s and names the field', (_name, run, field) => {
    const parsed = run();
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(field);
  });
});
