import { readFileSync } from 'node:fs';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, BranchSnapshot } from '../../server/src/protocol/index.js';
import { api } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';

const PHONE = '13812345678';
let app: TestApp;
let url: string;
const sockets: Socket[] = [];

function post(path: string, token: string, body: unknown) {
  return api<Record<string, unknown>>(app, 'POST', path, { token, body });
}

function subscribe(token: string): Promise<Ack<BranchSnapshot>> {
  const socket = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => socket.emit('branch:subscribe', { branchId: 'demo-hall' }, resolve));
}

describe('personal data on the wire and on disk', () => {
  beforeAll(async () => {
    app = await build({ db: 'file' });
    url = await app.listen();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  it('shows staff a masked number, hall screens none, and stores no raw number', async () => {
    const kiosk = app.demo.devices['kiosk-2']!;
    const issued = await post('/branches/demo-hall/tickets', kiosk, {
      serviceId: 'svc-business',
      personId: PHONE,
    });
    expect(issued.status).toBe(201);

    const login = await post('/auth/login', '', { username: 'clerk6', password: app.demo!.passwords.clerk6 });
    const staff = await subscribe(login.body.token as string);
    const screen = await subscribe(app.demo.devices['display-1']!);
    expect(staff.ok && screen.ok).toBe(true);
    if (!staff.ok || !screen.ok) return;
    const seenByStaff = staff.data.tickets.find((t) => t.id === issued.body.id);
    const seenByScreen = screen.data.tickets.find((t) => t.id === issued.body.id);
    expect(seenByStaff?.personMasked).toBe('*******5678');
    expect(seenByScreen?.personMasked).toBeNull();

    const db = readFileSync(app.dbFile);
    const wal = readFileSync(`${app.dbFile}-wal`);
    expect(db.includes(PHONE)).toBe(false);
    expect(wal.includes(PHONE)).toBe(false);
  });

  it('refuses the branch stream to a rating pad', async () => {
    const pad = await subscribe(app.demo.devices['pad-1']!);
    expect(pad.ok).toBe(false);
    if (!pad.ok) expect(pad.error.code).toBe('FORBIDDEN');
  });

  it('lets one connection follow at most 5 tickets and refuses key guessing past 30 a minute', async () => {
    const kiosk = app.demo.devices['kiosk-2']!;
    const tickets: { id: string; key: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await post('/branches/demo-hall/tickets', kiosk, { serviceId: 'svc-enquiry' });
      const url = new URL(r.body.trackUrl as string);
      tickets.push({ id: r.body.id as string, key: url.searchParams.get('k')! });
    }
    const phone = connect(url, { transports: ['websocket'], reconnection: false });
    sockets.push(phone);
    const track = (ticketId: string, key: string) =>
      new Promise<Ack<unknown>>((resolve) => phone.emit('ticket:track', { ticketId, key }, resolve));
    const answers = [];
    for (const t of tickets) answers.push(await track(t.id, t.key));
    expect(answers.slice(0, 5).every((a) => a.ok)).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS' } });

    const guesser = connect(url, { transports: ['websocket'], reconnection: false });
    sockets.push(guesser);
    const guesses: Ack<unknown>[] = [];
    for (let i = 0; i < 31; i++) {
      guesses.push(
        await new Promise((resolve) =>
          guesser.emit('ticket:track', { ticketId: tickets[0]!.id, key: `wrong-key-${i}` }, resolve),
        ),
      );
    }
    expect(guesses.slice(0, 30).every((g) => !g.ok && g.error.code === 'TICKET_NOT_FOUND')).toBe(true);
    expect(guesses[30]).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS' } });
  });

  it('keeps metrics and device details from a request forwarded by a proxy on this host, but not from a manager', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9' };
    const anonymous = await fetch(`${url}/metrics`, { headers: forwarded });
    expect(anonymous.status).toBe(403);
    const health = (await (await fetch(`${url}/api/v1/health`, { headers: forwarded })).json()) as Record<
      string,
      unknown
    >;
    expect(health.status).toBeDefined();
    expect(health.printers).toBeUndefined();
    const login = await post('/auth/login', '', {
      username: 'manager',
      password: app.demo!.passwords.manager,
    });
    const manager = await fetch(`${url}/metrics`, {
      headers: { ...forwarded, authorization: `Bearer ${login.body.token as string}` },
    });
    expect(manager.status).toBe(200);
    expect(await manager.text()).toContain('guichet_waiting_tickets');
    const local = await fetch(`${url}/metrics`);
    expect(local.status).toBe(200);
  });

  it('refuses a socket with an unknown token', async () => {
    const socket = connect(url, {
      auth: { token: 'not-a-token' },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('UNAUTHENTICATED');
  });
});
