import { describe, expect, it } from 'vitest';
import { linkBase } from './links.js';

describe('linkBase: the address printed in QR codes', () => {
  const none = { publicUrl: null, allowedHosts: [], listenUrl: null };
  it('prefers the public URL over any Host header', () => {
    expect(linkBase({ ...none, publicUrl: 'https://hall.example' }, 'http://evil.example')).toBe(
      'https://hall.example',
    );
  });
  it('never prints a forged Host without a public URL or an allow-list', () => {
    expect(linkBase(none, 'http://evil.example')).toBeNull();
  });
  it('uses the request host only when it is allowed', () => {
    const p = { ...none, allowedHosts: ['hall.local', '10.0.0.5:8080'] };
    expect(linkBase(p, 'http://hall.local:8080')).toBe('http://hall.local:8080');
    expect(linkBase(p, 'http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080');
    expect(linkBase(p, 'http://evil.example')).toBeNull();
  });
  it('falls back to the listen address in the demo', () => {
    expect(linkBase({ ...none, listenUrl: () => 'http://localhost:8080' }, 'http://evil.example')).toBe(
      'http://localhost:8080',
    );
  });
});
