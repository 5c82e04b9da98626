// @vitest-environment happy-dom
import type { TicketView } from '@guichet/server/protocol';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetShortcuts, setShortcut } from '../shortcuts';
import {
  connection,
  counter as counterSignal,
  notice,
  now,
  session,
  setLocale,
  snapshot,
  synced,
} from '../store';
import { counterView, fakeServer, seed, T0, ticket } from '../testing/fixtures';
import { Console } from './Console';

const button = (action: string) => document.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const enabled = () =>
  [...document.querySelectorAll<HTMLButtonElement>('[data-action]')]
    .filter((b) => !b.disabled)
    .map((b) => b.dataset.action);
const renderConsole = () => render(<Console onChangeCounter={() => {}} onSignOut={() => {}} />);
const press = (key: string, shiftKey = false) => fireEvent.keyDown(window, { key, shiftKey });

/** The answer a command gets: the counter and ticket after it. */
const answer = (c: ReturnType<typeof counterView>, tk: TicketView | null): [number, unknown] => [
  200,
  { counter: c, ticket: tk },
];

beforeEach(() => {
  localStorage.clear();
  setLocale('zh-CN');
  resetShortcuts();
  now.value = T0 + 10 * 60_000;
});
afterEach(() => {
  cleanup();
  // Debounced order refreshes still pending find no session and send nothing.
  session.value = null;
  vi.unstubAllGlobals();
});

describe('console, counter closed', () => {
  it('offers Open counter and nothing else', () => {
    seed(counterView({ state: 'closed', clerkId: null }), []);
    fakeServer(() => undefined);
    renderConsole();
    expect(screen.getByText('开启窗口')).toBeTruthy();
    expect(enabled()).toEqual([]);
  });
});

describe('console, idle', () => {
  const waiting = [
    ticket('A001', { queuedAt: T0 - 30 * 60_000 }),
    ticket('B001', { queuedAt: T0 + 3 * 60_000, ticketClass: 'priority' }),
    ticket('A002', { queuedAt: T0 + 9 * 60_000 }),
    ticket('C001', { queuedAt: T0 }), // a service this counter does not serve
  ];

  it('lists a ticket sent to a counter that has since closed (it may be called here), not one sent to an open one', () => {
    seed(counterView(), [
      ticket('A003', { targetCounterId: 'ctr-2' }),
      ticket('A004', { targetCounterId: 'ctr-9' }),
      ticket('A005', { targetCounterId: 'ctr-1' }),
    ]);
    snapshot.value = {
      ...snapshot.value!,
      counters: [...snapshot.value!.counters, counterView({ id: 'ctr-9', number: 9, state: 'closed' })],
    };
    fakeServer(() => undefined);
    renderConsole();
    const rows = [...document.querySelectorAll<HTMLElement>('.waiting tbody tr')];
    expect(rows.map((r) => r.dataset.ticket)).toEqual(['A005', 'A004']);
  });

  it('lists the waiting tickets in the server order, marks the next one and colours waits against the target', () => {
    seed(counterView(), waiting);
    fakeServer(() => undefined);
    renderConsole();
    const rows = [...document.querySelectorAll<HTMLElement>('.waiting tbody tr')];
    expect(rows.map((r) => r.dataset.ticket)).toEqual(['B001', 'A001', 'A002']);
    expect(rows[0]!.className).toContain('next');
    expect(within(rows[0]!).getByText(/下一位/)).toBeTruthy();
    expect(within(rows[0]!).getByText('优先号')).toBeTruthy();
    // A001 waited 40 min against 20 → over; B001 7 of 30 → ok; A002 1 of 20 → ok.
    expect(rows[1]!.querySelector('.wait')!.getAttribute('data-level')).toBe('over');
    expect(rows[0]!.querySelector('.wait')!.getAttribute('data-level')).toBe('ok');
    expect(enabled()).toEqual(['callNext', 'pause', 'rating', 'close']);
  });

  it('Call next sends call-next and shows the called ticket from the answer', async () => {
    seed(counterView(), waiting);
    const called = ticket('B001', {
      status: 'called',
      ticketClass: 'priority',
      counterId: 'ctr-1',
      calledAt: T0 + 10 * 60_000,
      callCount: 1,
      callRule: 'priority_class',
      callRuleDetail: 'priority ticket, level 2',
    });
    const server = fakeServer((m, p) =>
      m === 'POST' && p === '/counters/ctr-1/call-next'
        ? answer(counterView({ state: 'calling', currentTicketId: 't-B001' }), called)
        : undefined,
    );
    renderConsole();
    fireEvent.click(button('callNext'));
    await waitFor(() => expect(screen.getByTestId('current-code').textContent).toBe('B001'));
    expect(server.commands().map((c) => c.path)).toEqual(['/counters/ctr-1/call-next']);
    expect(screen.getByText('医保业务', { selector: '.current-service' })).toBeTruthy();
    // In Chinese the rule is shown translated; the server's English sentence is only the tooltip.
    expect(screen.getByTitle('priority ticket, level 2').textContent).toBe('优先号');
  });

  it('says so when nothing waits', async () => {
    seed(counterView(), []);
    fakeServer((_m, p) => (p.endsWith('/call-next') ? answer(counterView(), null) : undefined));
    renderConsole();
    fireEvent.click(button('callNext'));
    await waitFor(() => expect(screen.getByTestId('notice').textContent).toBe('当前没有等候的号码。'));
  });

  it('calls a chosen ticket out of order with its id', async () => {
    seed(counterView(), waiting);
    const server = fakeServer((_m, p) => (p.endsWith('/call') ? answer(counterView(), null) : undefined));
    renderConsole();
    const row = document.querySelector<HTMLElement>('tr[data-ticket="A002"]')!;
    fireEvent.click(row);
    expect(button('callSelected').disabled).toBe(false);
    fireEvent.click(button('callSelected'));
    await waitFor(() => expect(server.commands()).toHaveLength(1));
    expect(server.commands()[0]).toMatchObject({
      path: '/counters/ctr-1/call',
      body: { ticketId: 't-A002' },
    });
  });

  it('when another counter took the ticket first it says so and resyncs instead of failing', async () => {
    seed(counterView(), waiting);
    const server = fakeServer((_m, p) =>
      p.endsWith('/call')
        ? [409, { error: { code: 'TICKET_NOT_WAITING', message: 'ticket A002 is called' } }]
        : undefined,
    );
    renderConsole();
    const row = document.querySelector<HTMLElement>('tr[data-ticket="A002"]')!;
    fireEvent.click(within(row).getByText('呼叫此号'));
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe('A002 已被其他窗口叫走，列表已刷新。'),
    );
    expect(server.resync).toHaveBeenCalled();
    expect(button('callNext')).toBeTruthy();
  });

  it('a refusal is told in the clerk language by its code, never the server English message', async () => {
    seed(counterView(), waiting);
    let code = 'COUNTER_PAUSED';
    fakeServer((_m, p) =>
      p.endsWith('/call-next') ? [409, { error: { code, message: 'counter ctr-1 is paused' } }] : undefined,
    );
    renderConsole();
    fireEvent.click(button('callNext'));
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe('操作未完成：窗口已暂停，请先恢复'),
    );
    code = 'SOMETHING_NEW';
    fireEvent.click(button('callNext'));
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe(
        '操作未完成：系统未能处理，请稍后再试或联系管理员 [SOMETHING_NEW]',
      ),
    );
    expect(screen.getByTestId('notice').textContent).not.toContain('paused');
  });

  it('a pause cannot be saved without a reason; "other" needs the text', async () => {
    seed(counterView(), []);
    const server = fakeServer((_m, p) =>
      p.endsWith('/pause')
        ? answer(counterView({ state: 'paused', pauseReason: '其他原因' }), null)
        : undefined,
    );
    renderConsole();
    fireEvent.click(button('pause'));
    const dialog = screen.getByRole('dialog');
    const save = within(dialog).getByText('暂停') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Enter' });
    expect(server.commands()).toHaveLength(0);
    fireEvent.click(within(dialog).getByLabelText('其他'));
    expect(save.disabled).toBe(true);
    fireEvent.input(within(dialog).getByLabelText('补充说明'), { target: { value: '接待领导检查' } });
    expect(save.disabled).toBe(false);
    fireEvent.click(within(dialog).getByLabelText('用餐'));
    fireEvent.click(save);
    await waitFor(() => expect(server.commands()).toHaveLength(1));
    expect(server.commands()[0]).toMatchObject({
      path: '/counters/ctr-1/pause',
      body: { reason: '用餐 — 接待领导检查' },
    });
  });

  it('close asks for a reason and a confirmation', async () => {
    seed(counterView(), []);
    const server = fakeServer((_m, p) =>
      p.endsWith('/close') ? answer(counterView({ state: 'closed' }), null) : undefined,
    );
    renderConsole();
    press('F10', true);
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('确定关闭 1 号窗口？')).toBeTruthy();
    fireEvent.click(within(dialog).getByText('取消'));
    expect(server.commands()).toHaveLength(0);
    press('F10', true);
    fireEvent.click(within(screen.getByRole('dialog')).getByLabelText('下班'));
    fireEvent.click(within(screen.getByRole('dialog')).getByText('关闭窗口', { selector: 'button' }));
    await waitFor(() =>
      expect(server.commands()[0]).toMatchObject({ path: '/counters/ctr-1/close', body: { reason: '下班' } }),
    );
  });
});

describe('console, with a current ticket', () => {
  const calledTicket = ticket('A007', {
    status: 'called',
    counterId: 'ctr-1',
    calledAt: T0 + 8 * 60_000,
    callCount: 2,
    callRule: 'counter_transfer',
    callRuleDetail: 'transferred to counter 1',
    originServiceId: 'svc-employment',
  });
  const calling = counterView({ state: 'calling', currentTicketId: 't-A007' });

  it('shows code, service, class, timer and history; only current-ticket actions are on', () => {
    seed(calling, [calledTicket]);
    fakeServer(() => undefined);
    renderConsole();
    expect(screen.getByTestId('current-code').textContent).toBe('A007');
    expect(screen.getByTestId('timer').textContent).toBe('已呼叫 2:00');
    expect(screen.getByTestId('call-count').textContent).toBe('第 2 次呼叫');
    expect(screen.getByText('转自 C 就业服务')).toBeTruthy();
    expect(screen.getByTitle('transferred to counter 1').textContent).toBe('转给本窗口');
    expect(enabled()).toEqual(['recall', 'start', 'finish', 'noShow', 'transfer', 'park']);
  });

  it('no-show asks first; cancelling sends nothing', async () => {
    seed(calling, [calledTicket]);
    const server = fakeServer((_m, p) =>
      p.endsWith('/no-show') ? answer(counterView(), { ...calledTicket, status: 'no_show' }) : undefined,
    );
    renderConsole();
    fireEvent.click(button('noShow'));
    expect(screen.getByText('确定将 A007 标记为过号？')).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.commands()).toHaveLength(0);
    press('F5');
    fireEvent.click(within(screen.getByRole('dialog')).getByText('过号', { selector: 'button' }));
    await waitFor(() => expect(server.commands().map((c) => c.path)).toEqual(['/counters/ctr-1/no-show']));
  });

  it('a recall past the limit reports the automatic no-show', async () => {
    seed(calling, [calledTicket]);
    fakeServer((_m, p) =>
      p.endsWith('/recall')
        ? answer(counterView(), { ...calledTicket, status: 'no_show', outcome: 'no_show' })
        : undefined,
    );
    renderConsole();
    press('F2');
    await waitFor(() => expect(screen.getByTestId('notice').textContent).toContain('A007 多次呼叫未到'));
    expect(screen.queryByTestId('current-code')).toBeNull();
  });

  it('a held F2 recalls once: auto-repeated keydowns send nothing', async () => {
    seed(calling, [calledTicket]);
    const server = fakeServer((_m, p) =>
      p.endsWith('/recall') ? answer(calling, { ...calledTicket, callCount: 2 }) : undefined,
    );
    renderConsole();
    press('F2');
    await waitFor(() => expect(server.commands()).toHaveLength(1));
    for (let i = 0; i < 5; i++) fireEvent.keyDown(window, { key: 'F2', repeat: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(server.commands().map((c) => c.path)).toEqual(['/counters/ctr-1/recall']);
  });

  it('no key sends a command while a dialog is open, even before it has rendered', async () => {
    seed(calling, [calledTicket]);
    const server = fakeServer(() => undefined);
    renderConsole();
    // F5 opens the no-show question; F2 and F1 pressed in the same tick go nowhere.
    press('F5');
    press('F2');
    press('F4');
    await waitFor(() => expect(screen.getByRole('dialog')).toBeTruthy());
    fireEvent.click(button('recall'));
    await new Promise((r) => setTimeout(r, 20));
    expect(server.commands()).toHaveLength(0);
  });

  it('finish sends the chosen outcome', async () => {
    seed(calling, [calledTicket]);
    const server = fakeServer((_m, p) =>
      p.endsWith('/finish') ? answer(counterView(), { ...calledTicket, status: 'done' }) : undefined,
    );
    renderConsole();
    fireEvent.click(screen.getByLabelText('材料不全'));
    press('F4');
    await waitFor(() =>
      expect(server.commands()[0]).toMatchObject({
        path: '/counters/ctr-1/finish',
        body: { outcome: 'served_incomplete' },
      }),
    );
  });

  it('transfer needs a target and sends service or counter with the placement', async () => {
    seed(calling, [calledTicket]);
    const server = fakeServer((_m, p) =>
      p.endsWith('/transfer') ? answer(counterView(), { ...calledTicket, status: 'waiting' }) : undefined,
    );
    renderConsole();
    press('F6');
    const dialog = screen.getByRole('dialog');
    const confirm = within(dialog).getByText('转移', { selector: 'button' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('指定窗口'));
    fireEvent.change(dialog.querySelector('select')!, { target: { value: 'ctr-2' } });
    fireEvent.click(within(dialog).getByLabelText('按取号时间'));
    fireEvent.click(confirm);
    await waitFor(() => expect(server.commands()).toHaveLength(1));
    expect(server.commands()[0]).toMatchObject({
      path: '/counters/ctr-1/transfer',
      body: { counterId: 'ctr-2', placement: 'arrival' },
    });
  });

  it('serving shows the service timer and no recall', () => {
    const serving = { ...calledTicket, status: 'serving' as const, startedAt: T0 + 9 * 60_000 };
    seed(counterView({ state: 'serving', currentTicketId: 't-A007' }), [serving]);
    fakeServer(() => undefined);
    renderConsole();
    expect(screen.getByTestId('timer').textContent).toBe('已办理 1:00');
    expect(enabled()).toEqual(['finish', 'transfer', 'park']);
  });

  it('park then call back from the parked list', async () => {
    seed(counterView(), [ticket('A003', { status: 'parked', counterId: 'ctr-1' })]);
    const server = fakeServer((_m, p) => (p.endsWith('/call') ? answer(counterView(), null) : undefined));
    renderConsole();
    const parked = document.querySelector<HTMLElement>('.parked li[data-ticket="A003"]')!;
    fireEvent.click(within(parked).getByText('回呼'));
    await waitFor(() =>
      expect(server.commands()[0]).toMatchObject({
        path: '/counters/ctr-1/call',
        body: { ticketId: 't-A003' },
      }),
    );
  });
});

describe('console, paused', () => {
  it('shows the reason and offers Resume', async () => {
    seed(counterView({ state: 'paused', pauseReason: '用餐' }), []);
    const server = fakeServer((_m, p) => (p.endsWith('/resume') ? answer(counterView(), null) : undefined));
    renderConsole();
    expect(screen.getByTestId('counter-state').textContent).toBe('暂停中');
    expect(screen.getByText('暂停原因：用餐')).toBeTruthy();
    expect(button('pause').textContent).toContain('恢复');
    expect(enabled()).toEqual(['pause', 'close']);
    press('F9');
    await waitFor(() => expect(server.commands().map((c) => c.path)).toEqual(['/counters/ctr-1/resume']));
    await waitFor(() => expect(counterSignal.value?.state).toBe('idle'));
  });
});

describe('console, connection', () => {
  it('when offline shows a banner and blocks buttons and keys until resynced', async () => {
    seed(counterView(), [ticket('A001')]);
    const server = fakeServer(() => undefined);
    renderConsole();
    connection.value = 'offline';
    synced.value = false;
    await waitFor(() => expect(screen.getByTestId('offline-banner')).toBeTruthy());
    expect(enabled()).toEqual([]);
    press('F1');
    expect(server.commands()).toHaveLength(0);
    connection.value = 'online';
    await waitFor(() => expect(screen.getByText('正在同步最新数据…')).toBeTruthy());
    expect(enabled()).toEqual([]);
    synced.value = true;
    await waitFor(() => expect(enabled()).toContain('callNext'));
    expect(screen.queryByTestId('offline-banner')).toBeNull();
  });
});

describe('console, keys and language', () => {
  it('each button shows its key, and a rebound key drives the action', async () => {
    seed(counterView(), []);
    const server = fakeServer((_m, p) =>
      p.endsWith('/call-next') ? answer(counterView(), null) : undefined,
    );
    renderConsole();
    expect(button('callNext').querySelector('kbd')!.textContent).toBe('F1');
    setShortcut('callNext', 'Ctrl+K');
    await waitFor(() => expect(button('callNext').querySelector('kbd')!.textContent).toBe('Ctrl+K'));
    press('F1'); // F1 went to recall in the swap; recall is off while idle
    expect(server.commands()).toHaveLength(0);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await waitFor(() => expect(server.commands().map((c) => c.path)).toEqual(['/counters/ctr-1/call-next']));
  });

  it('switches to English and remembers it', async () => {
    seed(counterView(), []);
    fakeServer(() => undefined);
    renderConsole();
    fireEvent.click(screen.getByTestId('language'));
    await waitFor(() => expect(button('callNext').textContent).toContain('Call next'));
    expect(localStorage.getItem('guichet.counter.locale')).toBe('en');
    expect(screen.getByText('My day')).toBeTruthy();
    setLocale('zh-CN');
  });

  it('shows the clerk’s day', () => {
    seed(counterView(), []);
    fakeServer(() => undefined);
    renderConsole();
    expect(screen.getByTestId('today-served').textContent).toBe('12');
    expect(screen.getByText('差评 1')).toBeTruthy();
    expect(notice.value).toBeNull();
    expect(snapshot.value).not.toBeNull();
  });
});

describe('console, rating prompt', () => {
  it('asks the pad and reports the ticket from the server’s RatingRequest answer', async () => {
    seed(counterView(), []);
    const server = fakeServer((_m, p) =>
      p.endsWith('/rating-request')
        ? [
            200,
            {
              ticketId: 't-A009',
              code: 'A009',
              counterId: 'ctr-1',
              serviceId: 'svc-social',
              timeoutSeconds: 60,
            },
          ]
        : undefined,
    );
    renderConsole();
    press('F10');
    await waitFor(() => expect(screen.getByTestId('notice').textContent).toBe('已邀请 A009 评价。'));
    expect(server.commands().map((c) => c.path)).toEqual(['/counters/ctr-1/rating-request']);
    expect(counterSignal.value?.state).toBe('idle');
  });
});
