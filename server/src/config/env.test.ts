import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.js';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.synchronous).toBe('FULL');
    expect(c.demo).toBe('off');
    expect(c.trustProxy).toBeNull();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        GUICHET_PORT: 'eighty',
        GUICHET_SYNCHRONOUS: 'OFF',
        GUICHET_ADMIN_PASSWORD: 'short',
        GUICHET_PUBLIC_URL: 'ftp://x',
        GUICHET_PII_RETENTION_DAYS: '0',
        GUICHET_DEMO_LED: '/dev/ttyUSB0:morse',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'GUICHET_PORT',
      'GUICHET_SYNCHRONOUS',
      'GUICHET_ADMIN_PASSWORD',
      'GUICHET_PUBLIC_URL',
      'GUICHET_PII_RETENTION_DAYS',
      'GUICHET_DEMO_LED',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('reads the demo LED bus and a trusted proxy', () => {
    const c = loadConfig({ GUICHET_DEMO_LED: '/dev/ttyUSB0:modbus-led485', GUICHET_TRUST_PROXY: '10.0.0.1' });
    expect(c.demoLed).toEqual({ path: '/dev/ttyUSB0', protocol: 'modbus-led485' });
    expect(c.trustProxy).toBe('10.0.0.1');
  });
});
