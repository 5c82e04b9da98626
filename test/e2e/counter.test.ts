import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import type { RunningServer } from '../support/server.js';
import {
  action,
  api,
  type Console,
  counterView,
  expectCurrent,
  type Hall,
  issue,
  login,
  openConsole,
  orderCodes,
  pressWhenReady,
  startHall,
  ticketByCode,
  waitingCodes,
  waitState,
} from './counter-harness.js';

/**
 * Two clerks at counters 1 and 2 (the demo hall gives both social insurance A at level 1 and
 * medical insurance B at level 2) working the real server through the built console in Chromium.
 */
const skip = skipReason(chromiumMissing, 'counter console e2e');

describe.skipIf(skip)('counter console against the real server', () => {
  let hall: Hall<RunningServer>;
  let c1: Console;
  let c2: Console;
  let manager: string;

  beforeAll(async () => {
    hall = await startHall({ process: true });
    manager = await login(hall.server, 'manager');
    c1 = await openConsole(hall, 'clerk1', 'ctr-1');
    c2 = await openConsole(hall, 'clerk2', 'ctr-2');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  /** Each test starts with both counters idle and nothing waiting or parked. */
  beforeEach(async () => {
    for (const c of [c1, c2]) {
      const id = c === c1 ? 'ctr-1' : 'ctr-2';
      const view = await counterView(hall, manager, id);
      if (view.state === 'paused')
        await api(hall.server, 'POST', `/counters/${id}/resume`, { token: c.token, body: {} });
      if (view.state === 'calling' || view.state === 'serving')
        await api(hall.server, 'POST', `/counters/${id}/finish`, {
          token: c.token,
          body: { outcome: 'served' },
        });
    }
    const snap = await api<{ tickets: { id: string; status: string }[] }>(
      hall.server,
      'GET',
      '/branches/demo-hall/queue',
      {
        token: manager,
      },
    );
    for (const t of snap.body.tickets.filter((x) => x.status === 'waiting' || x.status === 'parked'))
      await api(hall.server, 'POST', `/tickets/${t.id}/cancel-by-staff`, {
        token: manager,
        body: { reason: 'end of the test' },
      });
    await waitState(c1, 'idle');
    await waitState(c2, 'idle');
    await c1.page.waitForFunction(() => document.querySelectorAll('.waiting tbody tr').length === 0);
  });

  it('both consoles press Call next at the same moment and get different tickets', async () => {
    const a = await issue(hall, 'svc-social');
    const b = await issue(hall, 'svc-social');
    await c1.page.waitForSelector(`tr[data-ticket="${b.code}"]`);
    await c2.page.waitForSelector(`tr[data-ticket="${b.code}"]`);
    await Promise.all([action(c1, 'callNext').click(), action(c2, 'callNext').click()]);
    await waitState(c1, 'calling');
    await waitState(c2, 'calling');
    const got = [
      await c1.page.textContent('[data-testid=current-code]'),
      await c2.page.textContent('[data-testid=current-code]'),
    ];
    expect(got.sort()).toEqual([a.code, b.code].sort());
    // Each console's waiting list no longer shows either ticket.
    await c1.page.waitForFunction(() => document.querySelectorAll('.waiting tbody tr').length === 0);
  });

  it('a pause cannot be saved without a reason; with one the counter is paused and says why', async () => {
    await pressWhenReady(c1.page, 'F9', 'pause');
    const dialog = c1.page.locator('[role=dialog]');
    await dialog.waitFor();
    const save = dialog.locator('button.btn-primary');
    expect(await save.isDisabled()).toBe(true);
    await c1.page.keyboard.press('Enter');
    await c1.page.waitForTimeout(300);
    expect((await counterView(hall, manager, 'ctr-1')).state).toBe('idle');
    // "Other" needs the text.
    await dialog.locator('input[value=reason_other]').check();
    expect(await save.isDisabled()).toBe(true);
    await dialog.locator('input[name=details]').fill('培训');
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    await waitState(c1, 'paused');
    const view = await counterView(hall, manager, 'ctr-1');
    expect(view).toMatchObject({ state: 'paused', pauseReason: '培训' });
    expect(await c1.page.textContent('.pause-reason')).toBe('培训');
    expect(await action(c1, 'callNext').isDisabled()).toBe(true);
    await pressWhenReady(c1.page, 'F9', 'pause'); // resume
    await waitState(c1, 'idle');
  });

  it('recall calls again; the recall past the limit (2) makes the ticket a no-show by itself', async () => {
    const t = await issue(hall, 'svc-social');
    await c1.page.waitForSelector(`tr[data-ticket="${t.code}"]`);
    await pressWhenReady(c1.page, 'F1', 'callNext');
    await expectCurrent(c1, t.code);
    for (const n of [2, 3]) {
      await pressWhenReady(c1.page, 'F2', 'recall');
      await c1.page.waitForFunction(
        (want) => document.querySelector('[data-testid=call-count]')?.textContent?.includes(String(want)),
        n,
      );
    }
    expect((await ticketByCode(hall, manager, t.code))?.callCount).toBe(3);
    await pressWhenReady(c1.page, 'F2', 'recall');
    await expectCurrent(c1, null);
    expect(await c1.page.textContent('[data-testid=notice]')).toContain(t.code);
    expect((await ticketByCode(hall, manager, t.code))?.status).toBe('no_show');
    await waitState(c1, 'idle');
  });

  it('transfer to a service puts the ticket by arrival, first or last; to a counter it waits for that counter', async () => {
    const b1 = await issue(hall, 'svc-medical');
    const a = await issue(hall, 'svc-social');
    const b2 = await issue(hall, 'svc-medical');
    await c1.page.waitForSelector(`tr[data-ticket="${b2.code}"]`);
    await pressWhenReady(c1.page, 'F1', 'callNext'); // level 1 is social: A first
    await expectCurrent(c1, a.code);

    const transfer = async (target: { service?: string; counter?: string }, placement: string) => {
      await pressWhenReady(c1.page, 'F6', 'transfer');
      const dialog = c1.page.locator('[role=dialog]');
      if (target.counter) await dialog.locator('input[value=counter]').check();
      await dialog.locator('select[name=target]').selectOption(target.service ?? target.counter ?? '');
      await dialog.locator(`input[value=${placement}]`).check();
      await dialog.locator('button.btn-primary').click();
      await expectCurrent(c1, null);
    };
    // Counter 3 serves medical insurance at level 1: its order shows the medical queue.
    const ctr3Medical = async () =>
      (await orderCodes(hall, manager, 'ctr-3')).filter((c) => c.startsWith('B') || c === a.code);
    const callAgain = async () => {
      await c1.page.locator(`tr[data-ticket="${a.code}"] button`).click();
      await expectCurrent(c1, a.code);
    };

    await transfer({ service: 'svc-medical' }, 'arrival');
    expect(await ctr3Medical()).toEqual([b1.code, a.code, b2.code]);
    await callAgain();
    await transfer({ service: 'svc-medical' }, 'first');
    expect(await ctr3Medical()).toEqual([a.code, b1.code, b2.code]);
    await callAgain();
    await transfer({ service: 'svc-medical' }, 'last');
    expect(await ctr3Medical()).toEqual([b1.code, b2.code, a.code]);
    await callAgain();
    await transfer({ counter: 'ctr-2' }, 'first');
    // Now it waits for counter 2 only, at the head of its order, and is gone from counter 1's list.
    await c2.page.waitForFunction(
      (code) => document.querySelector('.waiting tr.next')?.getAttribute('data-ticket') === code,
      a.code,
    );
    expect(await c2.page.textContent('.waiting tr.next .rule')).toBe('转给本窗口');
    await c1.page.waitForSelector(`tr[data-ticket="${a.code}"]`, { state: 'detached' });
    await pressWhenReady(c2.page, 'F1', 'callNext');
    await expectCurrent(c2, a.code);
    expect(await c2.page.textContent('.history')).toContain('转给本窗口');
  });

  it('park takes the ticket off the counter; call back brings it back', async () => {
    const t = await issue(hall, 'svc-social');
    await c1.page.waitForSelector(`tr[data-ticket="${t.code}"]`);
    await pressWhenReady(c1.page, 'F1', 'callNext');
    await expectCurrent(c1, t.code);
    await pressWhenReady(c1.page, 'F3', 'start'); // citizen arrived
    await waitState(c1, 'serving');
    await pressWhenReady(c1.page, 'F7', 'park');
    await expectCurrent(c1, null);
    await c1.page.waitForSelector(`.parked li[data-ticket="${t.code}"]`);
    expect((await ticketByCode(hall, manager, t.code))?.status).toBe('parked');
    await c1.page.locator(`.parked li[data-ticket="${t.code}"] .btn-small`).click();
    await expectCurrent(c1, t.code);
    expect(await c1.page.textContent('.history')).toContain('回呼');
    expect((await ticketByCode(hall, manager, t.code))?.callRule).toBe('callback');
  });

  it('calls a given ticket out of order; when the other counter takes it first the console says so', async () => {
    const first = await issue(hall, 'svc-social');
    const wanted = await issue(hall, 'svc-social');
    await c1.page.waitForSelector(`tr[data-ticket="${wanted.code}"]`);
    await c2.page.waitForSelector(`tr[data-ticket="${wanted.code}"]`);
    expect((await waitingCodes(c1))[0]).toBe(first.code);
    // Both click the same row at once: one gets it, the other is told and stays usable. The
    // buttons are taken first and clicked in the page: a locator click would wait, forever, for a
    // row the winner's call has already removed from the loser's list.
    const row = `tr[data-ticket="${wanted.code}"] button`;
    const [b1, b2] = await Promise.all([c1.page.$(row), c2.page.$(row)]);
    await Promise.all([
      b1!.evaluate((b) => (b as HTMLButtonElement).click()),
      b2!.evaluate((b) => (b as HTMLButtonElement).click()),
    ]);
    const winner = await Promise.race([
      expectCurrent(c1, wanted.code).then(() => c1),
      expectCurrent(c2, wanted.code).then(() => c2),
    ]);
    const loser = winner === c1 ? c2 : c1;
    await loser.page.waitForFunction(
      (code) => document.querySelector('[data-testid=notice]')?.textContent?.includes(code),
      wanted.code,
    );
    expect(await loser.page.textContent('[data-testid=notice]')).toContain('已被其他窗口叫走');
    expect(await loser.page.$('.console')).not.toBeNull();
    expect((await ticketByCode(hall, manager, wanted.code))?.callRule).toBe('manual');
    // The loser can still work: the remaining ticket is its next.
    await pressWhenReady(loser.page, 'F1', 'callNext');
    await expectCurrent(loser, first.code);
  });

  it('when the server goes away the console shows a banner and blocks commands until it has resynced', async () => {
    await hall.server.kill();
    await c1.page.waitForSelector('[data-testid=offline-banner]', { timeout: 10_000 });
    expect(await action(c1, 'callNext').isDisabled()).toBe(true);
    await hall.server.restart();
    await c1.page.waitForSelector('[data-testid=offline-banner]', { state: 'detached', timeout: 20_000 });
    await c1.page.waitForFunction(
      () => !document.querySelector('[data-action=callNext]')?.hasAttribute('disabled'),
      undefined,
      {
        timeout: 10_000,
      },
    );
    const t = await issue(hall, 'svc-social');
    await c1.page.waitForSelector(`tr[data-ticket="${t.code}"]`);
    await pressWhenReady(c1.page, 'F1', 'callNext');
    await expectCurrent(c1, t.code);
  }, 60_000);
});
