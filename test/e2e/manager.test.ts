import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { signInManager, startBrowserHall, stopBrowserHall, submitSignIn } from '../support/e2e-staff.js';
import { skipReason } from '../support/require.js';
import { api, login, type RunningServer } from '../support/server.js';
import { openScreen } from './manager-nav.js';

/**
 * The manager area in Chromium against the real server and the demo hall: a manager signs in,
 * sees the counters live, puts a no-show back in the queue, issues a ticket for a citizen,
 * starts and ends an emergency; a clerk is sent to /counter. Screenshots of every screen at
 * both common PC sizes in both languages go to test/artifacts/.
 */
const skip = skipReason(chromiumMissing, 'manager UI');
const BRANCH = '/branches/demo-hall';

interface Ticket {
  id: string;
  code: string;
  status: string;
  ticketClass: string;
  personMasked: string | null;
}
interface Snapshot {
  tickets: Ticket[];
  branch: { emergency: { stopIssuing: boolean; message: Record<string, string> } | null };
}

describe.skipIf(skip)('manager UI', () => {
  let server: RunningServer;
  let browser: Browser;
  let manager: string;
  let noShow: Ticket;
  /** Stays a no-show, for the screenshots. */
  let missed: Ticket;

  const snapshot = async () =>
    (await api<Snapshot>(server, 'GET', `${BRANCH}/queue`, { token: manager })).body;
  const issue = async (serviceId: string) => {
    const r = await api<Ticket>(server, 'POST', `${BRANCH}/tickets`, {
      token: server.demo.devices['kiosk-1'],
      body: { serviceId },
    });
    if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const command = async (token: string, counter: string, cmd: string, body: object = {}) => {
    const r = await api(server, 'POST', `/counters/${counter}/${cmd}`, { token, body });
    if (r.status !== 200) throw new Error(`${counter} ${cmd}: ${r.status} ${JSON.stringify(r.body)}`);
  };

  /** A fresh browser context signed in through the form. */
  async function signIn(
    username: string,
    viewport = { width: 1366, height: 768 },
    locale: 'zh-CN' | 'en' = 'zh-CN',
  ): Promise<Page> {
    return signInManager(browser, server, username, { viewport, locale });
  }
  const goTo = async (page: Page, screen: 'hall' | 'desk' | 'notices') => {
    await openScreen(page, screen);
  };

  beforeAll(async () => {
    ({ server, browser } = await startBrowserHall(['manager', 'counter']));
    manager = await login(server, 'manager');
    // A morning in the hall: clerk1 serving, clerk2 paused, clerk3 calling, two no-shows.
    const [c1, c2, c3] = await Promise.all(['clerk1', 'clerk2', 'clerk3'].map((u) => login(server, u)));
    for (const [token, counter] of [
      [c1, 'ctr-1'],
      [c2, 'ctr-2'],
      [c3, 'ctr-3'],
    ] as const)
      await command(token!, counter, 'open');
    noShow = await issue('svc-social');
    for (let i = 0; i < 4; i++) await issue(i % 2 ? 'svc-medical' : 'svc-social');
    await command(c1!, 'ctr-1', 'call', { ticketId: noShow.id });
    await command(c1!, 'ctr-1', 'no-show');
    missed = await issue('svc-medical');
    await command(c1!, 'ctr-1', 'call', { ticketId: missed.id });
    await command(c1!, 'ctr-1', 'no-show');
    await command(c1!, 'ctr-1', 'call-next');
    await command(c1!, 'ctr-1', 'start');
    await command(c2!, 'ctr-2', 'pause', { reason: '用餐' });
    await command(c3!, 'ctr-3', 'call-next');
  }, 120_000);
  afterAll(() => stopBrowserHall({ server, browser }));

  it('a clerk is refused in both languages and sent to /counter', async () => {
    const page = await signIn('clerk4');
    const refusal = page.locator('[data-testid=clerk-refused]');
    await refusal.waitFor();
    const words = await refusal.textContent();
    expect(words).toContain('窗口工作人员请到窗口工作台登录');
    expect(words).toContain('Clerks sign in at the counter console');
    expect(await refusal.locator('a').getAttribute('href')).toBe('/counter/');
    await page.screenshot({ path: artifactPath('manager-login-clerk-refused.png') });
    // The clerk's session was ended again: nothing is kept in this tab.
    expect(await page.evaluate(() => sessionStorage.getItem('guichet.manager.session'))).toBeNull();
    await page.context().close();
  });

  it('a manager at /counter is offered the manager area', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/counter/`);
    await submitSignIn(page, 'manager', server.demo.passwords.manager ?? '');
    const link = page.locator('[data-testid=manager-link] a');
    await link.waitFor();
    await page.screenshot({ path: artifactPath('manager-counter-link.png') });
    await link.click();
    await page.waitForURL(`${server.url}/manager/`);
    await page.waitForSelector('input[name=username]');
    await context.close();
  });

  it('the manager sees every counter live, reinstates a no-show, issues for a citizen, raises and ends an emergency', async () => {
    const page = await signIn('manager');
    // Hall overview: state, clerk and current ticket of each counter.
    await page.waitForSelector('tr[data-counter=ctr-1][data-state=serving]');
    expect(await page.textContent('tr[data-counter=ctr-1]')).toContain('王芳');
    expect(await page.textContent('tr[data-counter=ctr-2]')).toContain('用餐');
    expect(await page.textContent('tr[data-counter=ctr-3]')).toMatch(/呼叫中.*[AB]\d{3}/);
    // Live: a counter opened by a clerk now shows up without a reload.
    await command(await login(server, 'clerk5'), 'ctr-5', 'open');
    await page.waitForSelector('tr[data-counter=ctr-5][data-state=idle]');

    // Front desk: find the no-show by its number, with the keyboard.
    await goTo(page, 'desk');
    await page.fill('input[name=code]', noShow.code.toLowerCase());
    await page.keyboard.press('Enter');
    const status = page.locator(`[data-ticket="${noShow.code}"] [data-testid=ticket-status]`);
    await expect.poll(() => status.textContent()).toBe('过号');
    await page.click('[data-action=reinstate]');
    await expect.poll(() => status.textContent()).toBe('等候中');
    expect((await snapshot()).tickets.find((t) => t.id === noShow.id)?.status).toBe('waiting');

    // Issue for a citizen: service E needs an ID number; priority is allowed.
    await page.selectOption('select[name=service]', 'svc-business');
    await page.fill('input[name=personId]', '110101199001011234');
    await page.check('input[name=priority]');
    await page.click('[data-action=issue]');
    const code = (await page.locator('[data-testid=issued-code]').textContent()) ?? '';
    expect(code).toMatch(/^E\d{3}$/);
    const issued = (await snapshot()).tickets.find((t) => t.code === code);
    expect(issued?.ticketClass).toBe('priority');
    expect(issued?.personMasked).toMatch(/\*/);

    // Cancel it again, with a reason: it leaves the live list.
    await page.fill('input[name=code]', code);
    await page.keyboard.press('Enter');
    await page.click('[data-action=cancel]');
    await page.check('input[name=cancel-reason][value=cancelReason_duplicate]');
    await page.click('[data-testid=dialog-confirm]');
    await page.waitForSelector(`[data-ticket="${code}"]`, { state: 'detached' });
    expect((await snapshot()).tickets.find((t) => t.code === code)).toBeUndefined();

    // Emergency: a preset, one confirmation to start, one to end.
    await goTo(page, 'notices');
    await page.click('[data-preset=emergency-0]');
    await page.click('[data-action=start-emergency]');
    await page.waitForSelector('dialog[open]');
    await page.screenshot({ path: artifactPath('manager-1366-zh-emergency-confirm.png') });
    await page.click('[data-testid=dialog-confirm]');
    await page.waitForSelector('[data-testid=emergency-banner]');
    const raised = (await snapshot()).branch.emergency;
    expect(raised?.stopIssuing).toBe(true);
    expect(raised?.message.en).toContain('System failure');
    const refused = await api(server, 'POST', `${BRANCH}/tickets`, {
      token: server.demo.devices['kiosk-1'],
      body: { serviceId: 'svc-social' },
    });
    expect(refused.status).toBe(409);
    await page.screenshot({ path: artifactPath('manager-1366-zh-emergency-on.png') });
    await page.click('[data-action=end-emergency]');
    await page.waitForSelector('dialog[open]');
    // Escape backs out: the emergency stays on until confirmed.
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    expect((await snapshot()).branch.emergency).not.toBeNull();
    await page.click('[data-action=end-emergency]');
    await page.click('[data-testid=dialog-confirm]');
    await page.waitForSelector('[data-testid=emergency-banner]', { state: 'detached' });
    expect((await snapshot()).branch.emergency).toBeNull();

    // Sign out: back to the form, and the session is gone on the server too.
    const token = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('guichet.manager.session') ?? '{}').token as string,
    );
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('input[name=username]');
    await expect.poll(async () => (await api(server, 'GET', '/me', { token })).status).toBe(401);
    await page.context().close();
  }, 90_000);

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    for (const locale of ['zh-CN', 'en'] as const) {
      const tag = `${size.width}-${locale === 'zh-CN' ? 'zh' : 'en'}`;
      it(`every screen at ${size.width}×${size.height} in ${locale}`, async () => {
        const page = await signIn('manager', size, locale);
        await page.waitForSelector('tr[data-counter=ctr-1][data-state=serving]');
        await page.screenshot({ path: artifactPath(`manager-${tag}-hall.png`) });
        await goTo(page, 'desk');
        await page.click(`[data-testid=no-shows] [data-ticket="${missed.code}"]`);
        await page.waitForSelector(`[data-ticket="${missed.code}"] [data-action=reinstate]`);
        await page.selectOption('select[name=service]', 'svc-business');
        // Typed hidden; the desk shows the mask only.
        await page.fill('input[name=personId]', '13800135678');
        expect(await page.locator('[data-testid=person-mask]').textContent()).toBe('*******5678');
        expect(await page.locator('body').textContent()).not.toContain('13800135678');
        await page.screenshot({ path: artifactPath(`manager-${tag}-desk.png`) });
        await goTo(page, 'notices');
        await page.click('[data-preset=notice-1]');
        await page.screenshot({ path: artifactPath(`manager-${tag}-notices.png`) });
        // Nothing falls off the side at this size.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.context().close();
      }, 40_000);
    }
  }
});
