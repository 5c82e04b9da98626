// @vitest-environment happy-dom
import { FakeServer, wire } from '@guichet/server/kit/testing';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Banner } from './components/Banner';
import { connection, notice, saveSession, session, setLocale, snapshot, synced } from './store';

/** The kit's stream is tested in the kit; this is how the console wires it to its store. */
const server = new FakeServer(wire.snapshot({ version: 10 }));
vi.mock('socket.io-client', () => ({ io: () => server.socket({ token: 'tok' }) }));
const { connectBranch } = await import('./socket');

beforeEach(() => {
  server.sockets.length = 0;
  server.tokens = null;
  saveSession({ token: 'tok', user: wire.user() });
  snapshot.value = null;
  synced.value = false;
  connection.value = 'connecting';
});
afterEach(() => {
  cleanup();
  saveSession(null);
});

describe('console branch stream', () => {
  it('puts the snapshot and each delta in the store, and blocks commands while offline', async () => {
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(synced.value).toBe(true));
    expect(connection.value).toBe('online');
    server.push({ counters: [wire.counter(1)] });
    expect(snapshot.value?.version).toBe(11);
    server.lastSocket.drop();
    expect(connection.value).toBe('offline');
    expect(synced.value).toBe(false);
    stream.close();
  });

  it('an expired session (handshake refused UNAUTHENTICATED) returns to sign-in', async () => {
    server.tokens = new Set();
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(session.value).toBeNull());
    expect(sessionStorage.getItem('guichet.counter.session')).toBeNull();
    expect(connection.value).toBe('connecting');
    stream.close();
  });

  it('a device problem the console does not know reads as a generic one in the clerk language', async () => {
    setLocale('zh-CN');
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(synced.value).toBe(true));
    const status = { deviceId: 'kiosk-1', kind: 'printer', branchId: 'demo-hall', online: false, at: 0 };
    server.lastSocket.fire('device:status', { ...status, problem: 'head_overheat' });
    expect(notice.value?.text).toBe('设备需要处理：kiosk-1（设备故障，请查看设备）');
    server.lastSocket.fire('device:status', { ...status, problem: 'paper_out' });
    expect(notice.value?.text).toBe('设备需要处理：kiosk-1（缺纸）');
    stream.close();
  });

  it('names the held tickets that expired unprinted, and those printed late, in the clerk language', async () => {
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(synced.value).toBe(true));
    const status = { deviceId: 'kiosk-1', kind: 'printer', branchId: 'demo-hall', online: false, at: 0 };
    setLocale('zh-CN');
    const held = { type: 'expired', tickets: ['A012', 'A013'], heldMs: 600_001 };
    server.lastSocket.fire('device:status', { ...status, problem: 'paper_out', held });
    expect(notice.value).toEqual({
      kind: 'warn',
      text: 'kiosk-1 未能打印号票 A012, A013：请告知取号人，号码仍然有效',
    });
    setLocale('en');
    const late = { type: 'printed_late', tickets: ['A014'], heldMs: 9_000 };
    server.lastSocket.fire('device:status', { ...status, online: true, problem: null, held: late });
    expect(notice.value).toEqual({ kind: 'info', text: 'Ticket A014 was printed late at kiosk-1' });
    stream.close();
  });

  it('shows the hall emergency and notice in both languages as they are set and cleared, live', async () => {
    setLocale('en');
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(synced.value).toBe(true));
    render(<Banner />);
    expect(screen.queryByTestId('hall-emergency')).toBeNull();
    const message = { 'zh-CN': '消防演练，请有序离场', en: 'Fire drill: please leave calmly' };
    server.push({ branch: wire.branch({ emergency: { message, since: 1, stopIssuing: true } }) });
    const banner = await screen.findByTestId('hall-emergency');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('紧急通知 · Emergency — 已暂停取号 · Ticket issuing stopped');
    expect(banner.textContent).toContain('消防演练，请有序离场');
    expect(banner.textContent).toContain('Fire drill: please leave calmly');
    server.push({
      branch: wire.branch({ notice: { 'zh-CN': '午间 12:00 起暂停', en: 'Closed from 12:00' } }),
    });
    await vi.waitFor(() => expect(screen.queryByTestId('hall-emergency')).toBeNull());
    expect(screen.getByTestId('hall-notice').textContent).toContain(
      '大厅公告 · Hall notice午间 12:00 起暂停',
    );
    server.push({ branch: wire.branch() });
    await vi.waitFor(() => expect(screen.queryByTestId('hall-notice')).toBeNull());
    stream.close();
  });
});
