import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '@guichet/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../manager-ui/src/screens/reports/period.js';
import { hashPassword } from '../../server/src/modules/auth/auth.js';
import { writeSyntheticHall } from '../../server/src/modules/reports/synthetic.js';
import { artifactPath, chromiumMissing, launchChromium } from '../support/browser.js';
import { signInManager, stopBrowserHall } from '../support/e2e-staff.js';
import { skipReason } from '../support/require.js';
import { api, login, type RunningServer, startServer } from '../support/server.js';
import { ensureUiBuilt } from '../support/ui-build.js';
import { openScreen } from './manager-nav.js';

/**
 * The report screens in Chromium against the real server with four weeks of generated history
 * (reports/synthetic.ts: the server's own row shapes) in a second branch, read by its manager: a
 * table figure equals the API's, the CSV download is the server's (BOM, same number), the daily
 * report prints to an A4 PDF whose pages are turned into PNGs to be looked at. Screenshots of
 * every report screen at both PC sizes in both languages go to test/artifacts/manager-reports/.
 */
const skip = skipReason(chromiumMissing, 'manager reports UI');
const BRANCH = 'b1';
const ZONE = 'Asia/Shanghai';
const DAYS = 28;
const MANAGER = 'hallmanager';
const MANAGER_PASSWORD = 'report-reader-7431';
const out = (name: string) => artifactPath(join('manager-reports', name));

interface Row {
  key: string;
  issued: number;
  served: number;
  waitP90Seconds: number | null;
}
interface Summary {
  rows: Row[];
  totals: Row;
}

/**
 * Generates the history in a database of its own, then copies its rows into the server's: the
 * generator names its services and counters like the demo hall's (svc-social, ctr-1), so every
 * id is given an `h-` prefix on the way, in every column and event payload alike.
 */
async function copyHistory(target: string, scratch: string): Promise<void> {
  const from = addDays(todayIn(ZONE), -DAYS);
  const src = openDb(scratch);
  writeSyntheticHall(src, {
    branchId: BRANCH,
    timezone: ZONE,
    from,
    days: DAYS,
    ticketsPerDay: 240,
    seed: 7,
  });
  const dst = openDb(target);
  const hash = await hashPassword(MANAGER_PASSWORD);
  // The generator leaves the branch's settings empty; the live server needs whole ones.
  const { settings } = dst.$client.prepare(`select settings from branches where id = 'demo-hall'`).get() as {
    settings: string;
  };
  const rename = (v: unknown) =>
    typeof v === 'string' ? v.replaceAll('svc-', 'h-svc-').replaceAll('ctr-', 'h-ctr-') : v;
  dst.$client.transaction(() => {
    for (const table of ['branches', 'services', 'counters', 'users', 'tickets', 'events', 'ratings']) {
      const key = table === 'branches' ? 'id' : 'branch_id';
      const rows = src.$client.prepare(`select * from ${table} where ${key} = ?`).all(BRANCH) as Record<
        string,
        unknown
      >[];
      if (rows.length === 0) continue;
      const cols = Object.keys(rows[0]!);
      const insert = dst.$client.prepare(
        `insert or ignore into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`,
      );
      for (const r of rows) insert.run(...cols.map((c) => (c === 'settings' ? settings : rename(r[c]))));
    }
    // The branch's own manager: the manager area opens the branch of the account.
    dst.$client
      .prepare(
        `insert into users (id, username, display_name, role, branch_id, password_hash, active, created_at)
         values ('user-hallmanager', ?, '陈主任', 'manager', ?, ?, 1, 0)`,
      )
      .run(MANAGER, BRANCH, hash);
  })();
  src.$client.close();
  dst.$client.close();
}

describe.skipIf(skip)('manager reports UI', () => {
  let server: RunningServer;
  let browser: Browser;
  let manager: string;
  const today = todayIn(ZONE);
  const yesterday = addDays(today, -1);

  const summary = async (by: string, f = yesterday, t = yesterday) => {
    const r = await api<Summary>(
      server,
      'GET',
      `/branches/${BRANCH}/reports/summary?from=${f}&to=${t}&by=${by}`,
      {
        token: manager,
      },
    );
    expect(r.status).toBe(200);
    return r.body;
  };

  async function signIn(viewport = { width: 1366, height: 768 }, locale: 'zh-CN' | 'en' = 'zh-CN') {
    const page = await signInManager(browser, server, MANAGER, {
      viewport,
      locale,
      password: MANAGER_PASSWORD,
      context: { locale, acceptDownloads: true },
    });
    await page.waitForSelector('[data-nav-group][data-routes~=reports]');
    return page;
  }
  const openReports = async (page: Page) => {
    await openScreen(page, 'reports');

    await page.waitForSelector('[data-testid=period-picker]');
  };
  const pickDay = async (page: Page, day: string) => {
    await page.click('[data-period=day]');
    await page.fill('input[name=anchor]', day);
    await page.waitForFunction(
      (d) => document.querySelector('[data-testid=period-shown]')?.textContent === d,
      day,
    );
  };

  beforeAll(async () => {
    await ensureUiBuilt('manager');
    server = await startServer();
    // Four weeks of history, written with the server stopped, in a branch of its own.
    await server.stop();
    await copyHistory(join(server.dataDir, 'guichet.sqlite'), join(server.dataDir, 'history.sqlite'));
    await server.restart();
    manager = await login(server, MANAGER, MANAGER_PASSWORD);
    ({ browser } = await launchChromium());
  }, 180_000);
  afterAll(() => stopBrowserHall({ server, browser }));

  it('a summary figure on screen equals the API, and the CSV download is the same number with a BOM', async () => {
    const api1 = await summary('service');
    const page = await signIn();
    await openReports(page);
    await pickDay(page, yesterday);
    await page.click('[data-group=service]');
    const total = page.locator('[data-report=summary] tr.total [data-col=issued]');
    await expect.poll(() => total.textContent()).toBe(String(api1.totals.issued));
    const first = api1.rows[0]!;
    expect(
      await page.textContent(`[data-report=summary] tr[data-key="${first.key}"] [data-col=waitP90]`),
    ).toBe(String(first.waitP90Seconds ?? '–'));

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=csv]')]);
    const file = out('summary.csv');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('取号');
    const totalLine = lines.at(-1)!.split(',');
    expect(totalLine[0]).toBe('total');
    expect(Number(totalLine[2])).toBe(api1.totals.issued);
    await page.context().close();
  });

  it('ticket detail pages on with the keyset cursor past the first page', async () => {
    const page = await signIn();
    await openReports(page);
    // A week of 240 tickets a day: four pages of 500.
    await page.click('[data-period=week]');
    await page.fill('input[name=anchor]', addDays(yesterday, -7));
    await page.click('[data-tab=tickets]');
    await page.waitForSelector('[data-report=tickets] tbody tr[data-ticket]');
    const firstPage = await page.locator('[data-report=tickets] tbody tr[data-ticket]').count();
    expect(firstPage).toBe(500);
    const firstId = await page.getAttribute('[data-report=tickets] tbody tr[data-ticket]', 'data-ticket');
    await page.click('[data-action=page-next]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=page-number]')?.textContent === '2',
    );
    await page.waitForFunction(
      (id) =>
        document.querySelector('[data-report=tickets] tbody tr[data-ticket]')?.getAttribute('data-ticket') !==
        id,
      firstId,
    );
    await page.context().close();
  });

  it('every report screen at 1366×768 and 1920×1080 in zh-CN and en', async () => {
    for (const [w, h] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const page = await signIn({ width: w, height: h }, locale);
        await openReports(page);
        await page.click('[data-period=month]');
        await page.fill('input[name=anchor]', yesterday);
        const tag = `${w}-${locale === 'en' ? 'en' : 'zh'}`;
        for (const tab of [
          'summary',
          'charts',
          'tickets',
          'estimates',
          'staff',
          'openrate',
          'callorder',
        ] as const) {
          await page.click(`[data-tab=${tab}]`);
          if (tab === 'charts') {
            await page.waitForSelector('[data-chart=arrivals][data-state=ready]');
            await page.waitForSelector('[data-chart=sla][data-state=ready]');
            await page.waitForSelector('[data-chart=heatmap]');
          } else await page.waitForSelector(`[data-report=${tab}] tbody tr`);
          await page.waitForSelector('[aria-busy=true]', { state: 'detached' });
          await page.screenshot({ path: out(`reports-${tab}-${tag}.png`) });
          // The call-order list sits under the per-clerk table: a second shot from its title.
          if (tab === 'callorder') {
            await page.evaluate(() => document.getElementById('callorder-list')?.scrollIntoView());
            await page.screenshot({ path: out(`reports-${tab}-${tag}-list.png`) });
          }
        }
        await page.goto(`${server.url}/manager/daily?day=${yesterday}`);
        await page.waitForSelector('[data-chart=waits][data-state=ready]');
        await page.waitForSelector('[data-report=daily-counter]');
        await page.screenshot({ path: out(`daily-${tag}.png`), fullPage: true });
        await page.context().close();
      }
    }
  }, 240_000);

  it('the daily report prints to an A4 PDF with the day’s figures', async () => {
    const day = await summary('service');
    const page = await signIn({ width: 1366, height: 768 }, 'zh-CN');
    await page.goto(`${server.url}/manager/daily?day=${yesterday}`);
    await page.waitForSelector('[data-chart=arrivals][data-state=ready]');
    await page.waitForSelector('[data-chart=waits][data-state=ready]');
    await page.waitForSelector('[data-report=daily-counter]');
    expect(await page.textContent('[data-figure=colIssued] dd')).toBe(String(day.totals.issued));
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.topbar')).toBe(false);
    const pdf = out('daily.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    const text = readFileSync(pdf);
    expect(text.subarray(0, 5).toString()).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftoppm')) {
      for (const f of readdirSync(out('.'))) if (/^daily-page-\d+\.png$/.test(f)) writeFileSync(out(f), '');
      execFileSync('pdftoppm', ['-png', '-r', '80', pdf, out('daily-page')]);
      const pages = readdirSync(out('.')).filter((f) => /^daily-page-\d+\.png$/.test(f));
      expect(pages.length).toBeGreaterThan(0);
    }
    await page.context().close();
  });
});
