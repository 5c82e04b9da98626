import { describe, expect, it } from 'vitest';
import type { LedConfig } from '../../protocol/settings.js';
import { parseDeviceConfig } from '../settings/parse.js';
import { messagesOf } from './led-buses.js';

const led = (bus: Partial<LedConfig['bus']>, messages?: LedConfig['messages']): LedConfig => ({
  bus: { path: '/dev/ttyUSB0', protocol: 'modbus-led485', ...bus },
  address: 2,
  ...(messages ? { messages } : {}),
});

describe('LED display config', () => {
  it('accepts widths 4 to 8, the overflow forms and both liveness methods, and refuses others', () => {
    for (const width of [4, 5, 6, 8])
      expect(parseDeviceConfig('led', led({ width, overflow: 'dashes', liveness: 'write' })).ok).toBe(true);
    for (const bad of [{ width: 3 }, { width: 9 }, { overflow: 'cut' }, { liveness: 'ping' }])
      expect(parseDeviceConfig('led', led(bad as Partial<LedConfig['bus']>)).ok).toBe(false);
  });

  it('gives narrow 7-segment panels short paused / closed texts unless the hall configured its own', () => {
    expect(messagesOf(led({ width: 4 }))).toEqual({ paused: 'P', closed: 'OFF' });
    expect(messagesOf(led({ width: 5 }))).toEqual({ closed: 'OFF' });
    expect(messagesOf(led({ width: 6 }))).toEqual({});
    expect(messagesOf(led({ width: 4 }, { paused: 'BRK' }))).toEqual({ paused: 'BRK', closed: 'OFF' });
    expect(messagesOf(led({ protocol: 'qlp1', width: 4 }))).toEqual({});
  });
});
