// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kiosk, resetStores } from '../store';
import { branch, issued, snapshot, stubFetch } from '../test/fixtures';
import { issueTicket } from './actions';
import { KioskApp } from './KioskApp';

function paired(over: Parameters<typeof snapshot>[0] = {}) {
  kiosk.token.value = 'tok';
  kiosk.branchId.value = 'demo-hall';
  kiosk.pairing.value = 'paired';
  kiosk.snapshot.value = snapshot(over);
  kiosk.connected.value = true;
  kiosk.live.value = true;
}

const tile = (id: string) => document.querySelector<HTMLButtonElement>(`[data-service="${id}"]`)!;
const ISSUE = 'POST /api/v1/branches/demo-hall/tickets';

beforeEach(() => resetStores());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('kiosk home', () => {
  it('shows the hall, one tile per service with waiting count and wait range, closed ones with the reason', () => {
    paired();
    render(<KioskApp />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('示范政务服务大厅');
    expect(tile('svc-social').textContent).toContain('等候 5 人');
    expect(tile('svc-social').textContent).toContain('预计等候 12–18 分钟');
    expect(tile('svc-social').textContent).toContain('可走绿色通道');
    expect(tile('svc-medical').textContent).toContain('无需等待');
    expect(tile('svc-pension').textContent).toContain('今日号源已取完');
    expect(tile('svc-pension').disabled).toBe(true);
    expect(tile('svc-social').disabled).toBe(false);
  });

  it('says on a tile when the queue runs past closing time, instead of minutes', () => {
    paired();
    const s = kiosk.snapshot.value!;
    s.services[0] = {
      ...s.services[0]!,
      estimateStatus: 'after_closing',
      estimatedWaitMinutes: null,
      estimatedWaitRange: null,
    };
    render(<KioskApp />);
    expect(tile('svc-social').textContent).toContain('今日可能办理不到');
    expect(tile('svc-social').textContent).not.toContain('分钟');
    expect(tile('svc-social').getAttribute('aria-label')).toContain('今日可能办理不到');
  });

  it('defaults to the branch locale and switches to English', () => {
    paired({ branch: branch({ defaultLocale: 'en' }) });
    render(<KioskApp />);
    expect(tile('svc-social').textContent).toContain('5 waiting');
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(tile('svc-social').textContent).toContain('等候 5 人');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(tile('svc-social').textContent).toContain('About 12–18 min wait');
  });

  it('shows a suspended service with the staff reason', () => {
    const s = snapshot();
    s.services[1] = {
      ...s.services[1]!,
      open: false,
      closedReason: 'SERVICE_SUSPENDED',
      suspendedReason: '系统维护',
    };
    paired(s);
    render(<KioskApp />);
    expect(tile('svc-medical').textContent).toContain('暂停办理：系统维护');
  });

  it('shows the offline banner and disables every tile while the socket is down, and recovers', async () => {
    paired();
    render(<KioskApp />);
    expect(document.querySelector('[data-offline]')).toBeNull();
    act(() => {
      kiosk.connected.value = false;
      kiosk.live.value = false;
    });
    expect(screen.getByRole('alert').textContent).toContain('网络连接中断');
    expect(tile('svc-medical').disabled).toBe(true);
    act(() => {
      kiosk.connected.value = true;
      kiosk.live.value = true;
    });
    expect(document.querySelector('[data-offline]')).toBeNull();
    expect(tile('svc-medical').disabled).toBe(false);
  });

  it('covers the screen with an emergency notice and stops issuing', () => {
    const { calls, fetchStub } = stubFetch({});
    vi.stubGlobal('fetch', fetchStub);
    paired({
      branch: branch({
        emergency: {
          message: { 'zh-CN': '请立即疏散', en: 'Please evacuate now' },
          since: 1,
          stopIssuing: true,
        },
      }),
    });
    render(<KioskApp />);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('请立即疏散');
    expect(dialog.textContent).toContain('Please evacuate now');
    expect(tile('svc-medical').disabled).toBe(true);
    fireEvent.click(tile('svc-medical'));
    expect(calls).toHaveLength(0);
  });
});

describe('kiosk details', () => {
  it('shows the citizen her own digits while she types, and only the last 4 once she confirms', async () => {
    const { fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: 409, body: { error: { code: 'PERSON_LIMIT_REACHED', message: 'limit' } } }),
    });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-business'));
    const display = () => document.querySelector('.keypad-display')!.textContent;
    for (const d of '1380013') fireEvent.click(screen.getByRole('button', { name: d }));
    expect(display()).toBe('138 0013');
    for (const d of '5678') fireEvent.click(screen.getByRole('button', { name: d }));
    expect(display()).toBe('138 0013 5678');
    fireEvent.click(screen.getByRole('button', { name: '确认取号' }));
    // Confirmed (and here refused): the next person at the screen sees the staff mask only.
    expect(display()).toBe('*******5678');
    await waitFor(() => expect(kiosk.problem.value).not.toBeNull());
    expect(display()).toBe('*******5678');
    expect(document.body.textContent).not.toContain('0013');
    // She corrects it: her digits again.
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    expect(display()).toBe('138 0013 567');
  });

  it('groups an ID number as it is read (region, birth date, sequence)', () => {
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-business'));
    for (const d of '11010119900307123X') fireEvent.click(screen.getByRole('button', { name: d }));
    expect(document.querySelector('.keypad-display')!.textContent).toBe('110101 19900307 123X');
  });

  it('the clock does not build date formats on every tick', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    paired();
    render(<KioskApp />);
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      act(() => void vi.advanceTimersByTime(5_000));
      expect(document.querySelector('.clock-time')?.textContent).toMatch(/\d\d:\d\d/);
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });
});

describe('kiosk emergency', () => {
  const emergency = {
    message: { 'zh-CN': '请立即疏散', en: 'Please evacuate now' },
    since: 1,
    stopIssuing: false,
  };

  it('says the title and that issuing stopped in both languages', () => {
    paired({ branch: branch({ emergency }) });
    render(<KioskApp />);
    const dialog = screen.getByRole('alertdialog');
    for (const text of ['紧急通知', 'Emergency notice', '暂停取号', 'Ticket issuing is stopped']) {
      expect(dialog.textContent).toContain(text);
    }
  });

  it('keeps a ticket just issued but not printed in view above the notice', () => {
    paired();
    render(<KioskApp />);
    act(() => {
      kiosk.screen.value = {
        name: 'ticket',
        ticket: issued({ code: 'A077', print: { status: 'failed', reason: 'x' } }),
        serviceId: 'svc-social',
      };
    });
    act(() => {
      kiosk.snapshot.value = snapshot({ branch: branch({ emergency }) });
    });
    const overlay = document.querySelector('[data-emergency]')!;
    expect(overlay.textContent).toContain('请立即疏散');
    const kept = overlay.querySelector('.confirmation');
    expect(kept?.querySelector('[data-code]')?.textContent).toBe('A077');
    expect(kept?.querySelector('svg[role="img"]')).not.toBeNull();
    expect(document.querySelectorAll('[data-code]')).toHaveLength(1);
  });

  it('a printed ticket is covered like everything else', () => {
    paired();
    render(<KioskApp />);
    act(() => {
      kiosk.screen.value = { name: 'ticket', ticket: issued(), serviceId: 'svc-social' };
    });
    act(() => {
      kiosk.snapshot.value = snapshot({ branch: branch({ emergency }) });
    });
    expect(document.querySelector('[data-emergency] .confirmation')).toBeNull();
  });
});

describe('kiosk issuing', () => {
  it('a double tap issues one ticket with one Idempotency-Key and shows the confirmation', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { calls, fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: 201, body: issued({ serviceId: 'svc-medical', code: 'B001' }) }),
    });
    vi.stubGlobal('fetch', async (...args: Parameters<typeof fetchStub>) => {
      await gate;
      return fetchStub(...args);
    });
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-medical'));
    fireEvent.click(tile('svc-medical'));
    expect(screen.getByRole('status').textContent).toContain('正在出号');
    release();
    await waitFor(() => expect(document.querySelector('[data-code]')?.textContent).toBe('B001'));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(calls[0]!.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(calls[0]!.body).toEqual({ serviceId: 'svc-medical', locale: 'zh-CN' });
  });

  it('a second issue call in the same task, before any re-render, sends nothing', async () => {
    const { calls, fetchStub } = stubFetch({ [ISSUE]: () => ({ status: 201, body: issued() }) });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    const first = issueTicket({ serviceId: 'svc-medical' });
    const second = issueTicket({ serviceId: 'svc-medical' });
    expect(await second).toBeNull();
    expect((await first)?.code).toBe('A012');
    expect(calls).toHaveLength(1);
  });

  it('offers the priority lane where the service allows it', async () => {
    const { calls, fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: 201, body: issued({ ticketClass: 'priority' }) }),
    });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-social'));
    fireEvent.click(screen.getByRole('button', { name: /绿色通道/ }));
    await waitFor(() => expect(document.querySelector('.confirmation')).not.toBeNull());
    expect(calls[0]!.body).toEqual({ serviceId: 'svc-social', priority: true, locale: 'zh-CN' });
    expect(document.querySelector('.confirmation')!.textContent).toContain('绿色通道');
  });

  it('asks for a phone or ID number on the keypad where the service requires one', async () => {
    const { calls, fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: 201, body: issued({ code: 'E003' }) }),
    });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-business'));
    const confirm = screen.getByRole('button', { name: '确认取号' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    for (const d of '13800138000') fireEvent.click(screen.getByRole('button', { name: d }));
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(document.querySelector('[data-code]')?.textContent).toBe('E003'));
    expect(calls[0]!.body).toEqual({ serviceId: 'svc-business', personId: '13800138000', locale: 'zh-CN' });
  });

  it('keeps a held ticket on screen, large, with its QR code, and asks to photograph it', async () => {
    const { fetchStub } = stubFetch({
      [ISSUE]: () => ({
        status: 201,
        body: issued({ serviceId: 'svc-medical', print: { status: 'held', reason: 'paper out' } }),
      }),
    });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-medical'));
    await waitFor(() => expect(document.querySelector('.confirmation')).not.toBeNull());
    const section = document.querySelector('.confirmation')!;
    expect(section.getAttribute('data-print-status')).toBe('held');
    expect(section.classList.contains('unprinted')).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('号票打印失败');
    expect(screen.getByRole('img', { name: '扫码在手机上查看排队进度' })).toBeTruthy();
  });

  it('goes back home after the confirmation time, longer when the ticket was not printed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    paired();
    render(<KioskApp />);
    act(() => {
      kiosk.screen.value = { name: 'ticket', ticket: issued(), serviceId: 'svc-social' };
    });
    act(() => void vi.advanceTimersByTime(19_000));
    expect(document.querySelector('.confirmation')).not.toBeNull();
    act(() => void vi.advanceTimersByTime(2_000));
    expect(document.querySelector('.confirmation')).toBeNull();
    act(() => {
      kiosk.screen.value = {
        name: 'ticket',
        ticket: issued({ id: 't-2', print: { status: 'failed', reason: 'x' } }),
        serviceId: 'svc-social',
      };
    });
    act(() => void vi.advanceTimersByTime(60_000));
    expect(document.querySelector('.confirmation')).not.toBeNull();
    act(() => void vi.advanceTimersByTime(31_000));
    expect(document.querySelector('.confirmation')).toBeNull();
  });

  it('an options screen left alone goes back home in the default language', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    paired();
    render(<KioskApp />);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(tile('svc-social'));
    expect(document.querySelector('.options')).not.toBeNull();
    act(() => void vi.advanceTimersByTime(46_000));
    expect(document.querySelector('.options')).toBeNull();
    expect(tile('svc-social').textContent).toContain('等候 5 人');
  });

  it('shows a refusal in the citizen language and retries a lost request with the same key', async () => {
    let fail = true;
    const { calls, fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: 201, body: issued({ code: 'B002' }) }),
    });
    vi.stubGlobal('fetch', async (...args: Parameters<typeof fetchStub>) => {
      if (fail) {
        await fetchStub(...args);
        throw new TypeError('Failed to fetch');
      }
      return fetchStub(...args);
    });
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-medical'));
    await waitFor(() => expect(document.querySelector('[data-problem]')).not.toBeNull());
    const text = document.querySelector('[data-problem]')!.textContent!;
    expect(text).toContain('没有收到服务器的答复');
    expect(text).not.toContain('未发出');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(document.querySelector('[data-code]')?.textContent).toBe('B002'));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers['Idempotency-Key']).toBe(calls[0]!.headers['Idempotency-Key']);
  });

  it('after a lost answer, going home and tapping the same choices again reuses the key', async () => {
    let fail = true;
    const { calls, fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: fail ? 504 : 200, body: fail ? {} : issued({ code: 'E004' }) }),
    });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    render(<KioskApp />);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(tile('svc-business'));
    for (const d of '13800138000') fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: 'Get ticket' }));
    await waitFor(() => expect(document.querySelector('[data-problem]')).not.toBeNull());
    const text = document.querySelector('[data-problem]')!.textContent!;
    expect(text).toContain('answer was lost');
    expect(text).not.toMatch(/no ticket was issued/i);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(document.querySelector('[data-problem]')).toBeNull();
    fail = false;
    fireEvent.click(tile('svc-business'));
    for (const d of '13800138000') fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: 'Get ticket' }));
    await waitFor(() => expect(document.querySelector('[data-code]')?.textContent).toBe('E004'));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers['Idempotency-Key']).toBe(calls[0]!.headers['Idempotency-Key']);
  });

  it('a lost attempt is forgotten after about two minutes, and other choices get a new key', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { calls, fetchStub } = stubFetch({});
    vi.stubGlobal('fetch', async (...args: Parameters<typeof fetchStub>) => {
      await fetchStub(...args);
      throw new TypeError('Failed to fetch');
    });
    paired();
    await issueTicket({ serviceId: 'svc-medical' });
    await issueTicket({ serviceId: 'svc-social', priority: true });
    await issueTicket({ serviceId: 'svc-medical' });
    vi.setSystemTime(Date.now() + 121_000);
    await issueTicket({ serviceId: 'svc-medical' });
    const keys = calls.map((c) => c.headers['Idempotency-Key']);
    expect(keys[2]).toBe(keys[0]);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('never shows the server English message: an unknown code gets the localized generic text', async () => {
    let code = 'SOMETHING_NEW';
    const { fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: 409, body: { error: { code, message: 'Internal detail in English' } } }),
    });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-medical'));
    await waitFor(() => expect(document.querySelector('[data-problem]')).not.toBeNull());
    let text = document.querySelector('[data-problem]')!.textContent!;
    expect(text).toContain('未能取号');
    expect(text).not.toContain('Internal detail');
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    code = 'TOO_MANY_REQUESTS';
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(tile('svc-medical'));
    await waitFor(() => expect(document.querySelector('[data-problem]')).not.toBeNull());
    text = document.querySelector('[data-problem]')!.textContent!;
    expect(text).toContain('Too many attempts');
    expect(text).not.toContain('Internal detail');
  });

  it('shows the staff reason only with the suspended label', () => {
    const s = snapshot();
    s.services[1] = {
      ...s.services[1]!,
      open: false,
      closedReason: 'OUTSIDE_OPENING_HOURS',
      suspendedReason: 'left over from this morning',
    };
    paired(s);
    render(<KioskApp />);
    expect(tile('svc-medical').textContent).toContain('不在办理时间');
    expect(tile('svc-medical').textContent).not.toContain('left over');
  });

  it('translates a refusal code', async () => {
    const { fetchStub } = stubFetch({
      [ISSUE]: () => ({ status: 409, body: { error: { code: 'DAILY_CAP_REACHED', message: 'cap' } } }),
    });
    vi.stubGlobal('fetch', fetchStub);
    paired();
    render(<KioskApp />);
    fireEvent.click(tile('svc-medical'));
    await waitFor(() =>
      expect(document.querySelector('[data-problem]')?.textContent).toContain('今日号源已取完'),
    );
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  });
});
