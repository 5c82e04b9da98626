import { connect as tcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRANCH, issue } from '../integration/helpers.js';
import { api, login, request } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { held, printReport } from './probe.js';

/** Opens a raw TCP connection, writes `data`, and answers how long until the server closed it. */
function heldOpen(url: string, data: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const s = tcp({ host: hostname, port: Number(port) }, () => s.write(data));
    s.on('data', () => {});
    s.on('error', () => {});
    s.on('close', () => resolve((performance.now() - t0) / 1000));
  });
}

describe('hostile HTTP: partial bodies, headers, cookies, origins, floods', () => {
  let server: TestApp;
  let url: string;

  beforeAll(async () => {
    server = await build({
      env: { GUICHET_ISSUE_PER_DEVICE_PER_MINUTE: '40', GUICHET_ISSUE_PER_ADDRESS_PER_MINUTE: '60' },
    });
    url = await server.listen();
  });
  afterAll(async () => {
    printReport('http');
    await server?.close();
  });

  it('closes a request whose body or headers stop half way within seconds', async () => {
    const body = `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user`;
    const headers = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ';
    const [b, h] = await Promise.all([heldOpen(url, body), heldOpen(url, headers)]);
    held('partial body (10 of 100 bytes), then silence', `closed after ${b.toFixed(1)} s`);
    held('partial headers, then silence', `closed after ${h.toFixed(1)} s`);
    expect(b).toBeLessThan(25);
    expect(h).toBeLessThan(25);
  }, 60_000);

  it('sends CSP, frame, nosniff and referrer headers', async () => {
    const r = await request(server, 'GET', '/api/v1/health');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    held('security headers', 'CSP, X-Frame-Options DENY, nosniff, no-referrer');
  });

  it('refuses a cookie-only write from another origin', async () => {
    const token = await login(server, 'clerk3');
    const cookie = `guichet_session=${encodeURIComponent(token)}`;
    const evil = await request(server, 'POST', '/api/v1/counters/ctr-3/open', {
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    const own = await request(server, 'POST', '/api/v1/counters/ctr-3/open', {
      headers: {
        cookie,
        origin: 'http://localhost:80',
        host: 'localhost:80',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    held(
      'cookie write from Origin http://evil.example',
      `${evil.status} ${JSON.parse(evil.text).error?.code}`,
    );
    expect(evil.status).toBe(403);
    expect(own.status, own.text).toBe(200);
  });

  it('limits issuing per kiosk and per address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await issue(server, 'svc-social')).status);
    const kiosk1 = statuses.filter((s) => s === 201).length;
    // Another kiosk from the same address has its own per-kiosk limit, but shares the address's.
    let kiosk2 = 0;
    let last = { status: 0, body: {} as unknown };
    for (let i = 0; i < 40; i++) {
      const r = await issue(server, 'svc-social', { token: server.demo.devices['kiosk-2'] });
      if (r.status === 201) kiosk2++;
      last = r;
    }
    const raw = await request(server, 'POST', `/api/v1/branches/${BRANCH}/tickets`, {
      headers: {
        authorization: `Bearer ${server.demo.devices['kiosk-1']}`,
        'content-type': 'application/json',
      },
      body: '{"serviceId":"svc-social"}',
    });
    held(
      'issuing flood (limits 40/kiosk, 60/address)',
      `kiosk-1 ${kiosk1} issued, kiosk-2 ${kiosk2} issued, then 429`,
    );
    expect(kiosk1).toBe(40);
    expect(kiosk2).toBe(20);
    expect(last.status).toBe(429);
    expect(raw.status).toBe(429);
    expect(Number(raw.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(raw.text).error.code).toBe('TOO_MANY_REQUESTS');
  });

  it('limits the public tracking endpoint per address', async () => {
    let n = 0;
    let status = 0;
    while (n < 200 && status !== 429) {
      status = (await api(server, 'GET', `/tickets/nope-${n}?key=guessguessguess${n}`)).status;
      n++;
    }
    held('GET /tickets/:id key guessing', `429 after ${n - 1} guesses`);
    expect(status).toBe(429);
  });
});

describe('Secure session cookie behind HTTPS', () => {
  it('marks the cookie Secure when the public URL is https, or a trusted proxy says https', async () => {
    const pub = await build({ env: { GUICHET_PUBLIC_URL: 'https://hall.example' } });
    const proxied = await build({ env: { GUICHET_TRUST_PROXY: '127.0.0.1' } });
    try {
      const creds = (app: TestApp) =>
        JSON.stringify({ username: 'clerk1', password: app.demo.passwords.clerk1 });
      const post = (app: TestApp, headers: Record<string, string>) =>
        request(app, 'POST', '/api/v1/auth/login', {
          headers: { 'content-type': 'application/json', ...headers },
          body: creds(app),
        });
      const a = String((await post(pub, {})).headers['set-cookie']);
      const b = String((await post(proxied, { 'x-forwarded-proto': 'https' })).headers['set-cookie']);
      const c = String((await post(proxied, {})).headers['set-cookie']);
      held(
        'session cookie over HTTPS',
        `public https: ${/Secure/.test(a)}, proxy https: ${/Secure/.test(b)}, plain: ${/Secure/.test(c)}`,
      );
      expect(a).toMatch(/; Secure/);
      expect(b).toMatch(/; Secure/);
      expect(c).not.toMatch(/Secure/);
    } finally {
      await pub.close();
      await proxied.close();
      printReport('cookies');
    }
  });
});

describe('Host header forgery and QR codes', () => {
  it('does not put a forged Host into the phone link (demo: listen address; public URL: itself)', async () => {
    const demo = await build();
    const pub = await build({ env: { GUICHET_PUBLIC_URL: 'https://hall.example' } });
    try {
      const url = await demo.listen();
      const forged = (app: TestApp) =>
        request(app, 'POST', `/api/v1/branches/${BRANCH}/tickets`, {
          headers: {
            authorization: `Bearer ${app.demo.devices['kiosk-1']}`,
            'content-type': 'application/json',
            host: 'evil.example',
          },
          body: '{"serviceId":"svc-social"}',
        });
      const a = JSON.parse((await forged(demo)).text).trackUrl as string;
      const b = JSON.parse((await forged(pub)).text).trackUrl as string;
      held('Host: evil.example, demo (listen address)', a.split('/kiosk')[0] ?? a);
      held('Host: evil.example, GUICHET_PUBLIC_URL set', b.split('/kiosk')[0] ?? b);
      expect(a.startsWith(`${url}/kiosk/track?`)).toBe(true);
      expect(b.startsWith('https://hall.example/kiosk/track?')).toBe(true);
      expect(JSON.parse((await request(pub, 'GET', '/api/v1/health')).text).warnings).toBeUndefined();
    } finally {
      await demo.close();
      await pub.close();
      printReport('host header');
    }
  });
});
