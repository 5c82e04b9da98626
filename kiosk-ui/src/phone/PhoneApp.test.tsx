// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeServer } from '@guichet/server/kit/testing';
import { BAD_RATING_REASONS } from '@guichet/server/protocol';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { beep, vibrate } from '../sound';
import { phone, resetStores } from '../store';
import { phoneReady, publicView, stubFetch } from '../test/fixtures';
import { bootPhone, POLL_MS } from './actions';
import { PhoneApp } from './PhoneApp';

vi.mock('../sound', () => ({
  beep: vi.fn(() => true),
  vibrate: vi.fn(() => true),
  unlockSound: vi.fn(),
  soundReady: vi.fn(() => false),
}));

beforeEach(() => {
  resetStores();
  vi.mocked(beep).mockClear();
  vi.mocked(vibrate).mockClear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('phone page', () => {
  it('shows the code, service, people ahead and the wait as a range, in the ticket language', () => {
    phoneReady();
    render(<PhoneApp />);
    expect(document.querySelector('[data-code]')!.textContent).toBe('A012');
    expect(document.body.textContent).toContain('社会保障');
    expect(document.body.textContent).toContain('前面还有 3 人');
    expect(document.body.textContent).toContain('8–14 分钟');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(document.body.textContent).toContain('3 ahead of you');
    expect(document.body.textContent).toContain('8–14 min');
  });

  it('says when the holder may not be called before closing time, with no minutes, in both languages', () => {
    phoneReady({ estimateStatus: 'after_closing', estimatedWaitMinutes: null, estimatedWaitRange: null });
    render(<PhoneApp />);
    expect(document.body.textContent).toContain('超过今日下班时间，可能办理不到');
    expect(document.body.textContent).not.toContain('分钟');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(document.body.textContent).toContain('past closing time: you may not be served today');
  });

  it('tells the holder where to go when called, with a beep and a vibration, once per call', () => {
    phoneReady();
    render(<PhoneApp />);
    expect(beep).not.toHaveBeenCalled();
    const counter = { number: 3, name: { 'zh-CN': '3号窗口', en: 'Counter 3' } };
    act(() => {
      phone.view.value = publicView({ status: 'called', counter, calledAt: 1000 });
    });
    expect(screen.getByRole('alert').textContent).toContain('请到 3 号窗口');
    expect(screen.getByRole('alert').textContent).toContain('Please go to counter 3');
    expect(beep).toHaveBeenCalledTimes(1);
    expect(vibrate).toHaveBeenCalledTimes(1);
    act(() => {
      phone.view.value = publicView({ status: 'called', counter, calledAt: 1000, ahead: 0 });
    });
    expect(beep).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-called-again]')).toBeNull();
    act(() => {
      phone.view.value = publicView({ status: 'called', counter, calledAt: 2000 });
    });
    expect(beep).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('alert').textContent).toContain('第 2 次呼叫');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('alert').textContent).toContain('Call 2');
  });

  it('a tap turns the sound alert on and plays it once', () => {
    phoneReady();
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('button', { name: '开启声音提醒' }));
    expect(beep).toHaveBeenCalledTimes(1);
    expect(document.body.textContent).toContain('声音提醒已开启');
  });

  it('cancels only after confirmation', async () => {
    const { calls, fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/cancel': () => ({ status: 200, body: publicView({ status: 'cancelled' }) }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady();
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('button', { name: '我不办了，取消排队' }));
    expect(calls).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: '继续排队' }));
    fireEvent.click(screen.getByRole('button', { name: '我不办了，取消排队' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('A012');
    fireEvent.click(screen.getByRole('button', { name: '确定取消' }));
    await waitFor(() => expect(document.body.textContent).toContain('您已取消排队'));
    expect(calls).toEqual([
      expect.objectContaining({ path: '/api/v1/tickets/t-1/cancel', body: { key: 'k' } }),
    ]);
  });

  it('asks for a five-level rating after service; a low score may give a reason', async () => {
    const { calls, fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/rating': () => ({ status: 200, body: { ok: true } }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady({ status: 'done' });
    render(<PhoneApp />);
    const labels = screen.getAllByRole('radio').map((b) => b.textContent);
    expect(labels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    fireEvent.click(screen.getByRole('radio', { name: '满意' }));
    expect(document.querySelector('.reasons')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: '不满意' }));
    const reasons = Array.from(document.querySelectorAll('.reasons button'), (b) => b.textContent);
    expect(reasons).toEqual(Object.values(BAD_RATING_REASONS).map((r) => r['zh-CN']));
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('button', { name: 'Waited too long' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    fireEvent.click(screen.getByRole('button', { name: '等候时间太长' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(document.querySelector('[data-rated]')).not.toBeNull());
    expect(calls[0]!.body).toEqual({ key: 'k', score: 2, reason: 'long_wait' });
  });

  it('a refused cancel or rating says why in the citizen language, never the server message', async () => {
    const { fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/cancel': () => ({
        status: 409,
        body: { error: { code: 'TICKET_NOT_CANCELLABLE', message: 'ticket is called' } },
      }),
      'POST /api/v1/tickets/t-1/rating': () => ({
        status: 429,
        body: { error: { code: 'TOO_MANY_REQUESTS', message: 'slow down' } },
      }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady();
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('button', { name: '我不办了，取消排队' }));
    fireEvent.click(screen.getByRole('button', { name: '确定取消' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('不能再取消'));
    expect(document.body.textContent).not.toContain('ticket is called');
    cleanup();
    phoneReady({ status: 'done' });
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Satisfied' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Too many attempts'));
    expect(document.body.textContent).not.toContain('slow down');
  });

  it('the page sends no referrer (its address carries the ticket key)', () => {
    const html = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../index.html'), 'utf8');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelector('meta[name="referrer"]')?.getAttribute('content')).toBe('no-referrer');
  });

  it('sends no reason with a good score', async () => {
    const { calls, fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/rating': () => ({ status: 200, body: { ok: true } }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady({ status: 'done' });
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('radio', { name: '非常满意' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ key: 'k', score: 5 });
  });

  it('says so when the link is not valid', async () => {
    const { fetchStub } = stubFetch({});
    vi.stubGlobal('fetch', fetchStub);
    const stop = bootPhone('?t=t-9&k=nope', new FakeServer().socket);
    render(<PhoneApp />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('号票链接无效'));
    stop();
  });

  it('polls every 15 s while the socket is not following the ticket', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let ahead = 5;
    const { calls, fetchStub } = stubFetch({
      'GET /api/v1/tickets/t-1': () => ({ status: 200, body: publicView({ ahead }) }),
    });
    vi.stubGlobal('fetch', fetchStub);
    const server = new FakeServer();
    server.autoConnect = false;
    const stop = bootPhone('?t=t-1&k=k', server.socket);
    await vi.waitFor(() => expect(phone.view.value?.ahead).toBe(5));
    ahead = 2;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await vi.waitFor(() => expect(phone.view.value?.ahead).toBe(2));
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2);
    stop();
  });

  it('shows the hall emergency and notice on the open page as they are pushed, in both languages', async () => {
    const { fetchStub } = stubFetch({
      'GET /api/v1/tickets/t-1': () => ({ status: 200, body: publicView() }),
    });
    vi.stubGlobal('fetch', fetchStub);
    const server = new FakeServer();
    server.tickets.set('t-1', { key: 'k', view: publicView() });
    const stop = bootPhone('?t=t-1&k=k', server.socket);
    render(<PhoneApp />);
    await waitFor(() => expect(phone.live.value).toBe(true));
    expect(screen.queryByTestId('phone-emergency')).toBeNull();
    const message = { 'zh-CN': '消防演练，请有序离场', en: 'Fire drill: please leave calmly' };
    act(() =>
      server.updateTicket(
        publicView({ hall: { notice: null, emergency: { message, since: 1, stopIssuing: true } } }),
      ),
    );
    const banner = await screen.findByTestId('phone-emergency');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toBe('紧急通知 · 暂停取号消防演练，请有序离场Fire drill: please leave calmly');
    // The ticket itself is still shown under it.
    expect(document.querySelector('[data-code]')!.textContent).toBe('A012');
    const notice = { 'zh-CN': '12:00 起午休', en: 'Lunch break from 12:00' };
    act(() => server.updateTicket(publicView({ hall: { notice, emergency: null } })));
    await waitFor(() => expect(screen.queryByTestId('phone-emergency')).toBeNull());
    expect(screen.getByTestId('phone-notice').textContent).toBe('大厅公告12:00 起午休Lunch break from 12:00');
    stop();
  });
});
