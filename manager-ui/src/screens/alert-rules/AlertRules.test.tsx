// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession, setLocale } from '../../store';
import { hallConfig } from '../../testing/config-a';
import { fakeServer, hall, seedManager } from '../../testing/fixtures';
import { AlertRulesScreen } from './AlertRules';

afterEach(() => {
  cleanup();
  saveSession(null);
  vi.unstubAllGlobals();
});

/** A rule set as stored before overrides existed: the four rules only. */
const OLD = {
  waitOverTarget: { enabled: true, criticalPercent: 150 },
  queueLength: { enabled: true, warning: 15, critical: 30 },
  noCounterOpen: { enabled: true },
  counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
};
const view = (rules: object, updatedAt: number | null = null) => ({
  branchId: 'demo-hall',
  rules,
  updatedAt,
  updatedBy: updatedAt ? 'user-manager' : null,
  updatedByName: updatedAt ? '周主任' : null,
});
const lunch = { code: 'lunch', label: { 'zh-CN': '用餐', en: 'Meal break' } };

function open(rules: object, settings = {}) {
  seedManager(hall());
  const server = fakeServer();
  server.routes['branch:config'] = () => [200, hallConfig(settings)];
  server.routes['branch:alert-rules'] = () => [200, view(rules)];
  server.routes['branch:alert-rules-set'] = (req) => [
    200,
    view(req.body as object, Date.UTC(2026, 2, 2, 2, 5)),
  ];
  const { container } = render(<AlertRulesScreen />);
  const input = (name: string) => container.querySelector(`[name="${name}"]`) as HTMLInputElement;
  const type = (name: string, value: string) => fireEvent.input(input(name), { target: { value } });
  const choose = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });
  return { server, container, input, type, choose };
}

describe('alert rules screen', () => {
  it('adds a per-service queue override and a pause reason allowance, and saves them with the defaults', async () => {
    setLocale('en');
    const { server, container, input, type, choose } = open(OLD, { pauseReasons: [lunch] });
    await screen.findByText('Branch defaults');
    expect(screen.getByTestId('ar-changed').textContent).toContain('Never changed');
    // Optional rules absent from the stored set are shown off, as the server reads them.
    expect(input('defaults.counterIdle.enabled').checked).toBe(false);
    expect(input('defaults.waitOverTarget.warning').value).toBe('100');
    expect(
      screen.getByLabelText('Warning above (people)', { selector: '[name="defaults.queueLength.warning"]' }),
    ).toBeTruthy();

    const services = container.querySelector('[data-overrides=services]') as HTMLElement;
    fireEvent.click(within(services).getByRole('button', { name: 'Add a rule for one service' }));
    // A new row starts from the branch default's values.
    expect(input('services.0.warning').value).toBe('15');
    choose('services.0.subject', 'svc-a');
    type('services.0.warning', '1');
    type('services.0.critical', '3');
    // A second row for the wait rule: another rule starts from its default, shown in minutes.
    fireEvent.click(within(services).getByRole('button', { name: 'Add a rule for one service' }));
    choose('services.1.subject', 'svc-d');
    choose('services.1.rule', 'waitOverTarget');
    expect(input('services.1.warning').value).toBe('100');
    type('services.1.critical', '200');
    expect(
      within(services).getByText('Target 20 min: warning past 20 min, critical past 40 min'),
    ).toBeTruthy();
    const reasons = container.querySelector('[data-overrides=pauseReasons]') as HTMLElement;
    fireEvent.click(within(reasons).getByRole('button', { name: 'Add an allowance for one pause reason' }));
    choose('pauseReasons.0.subject', 'lunch');
    type('pauseReasons.0.warning', '60');
    type('pauseReasons.0.critical', '75');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(server.requestsTo('branch:alert-rules-set')[0]!.body).toEqual({
      ...OLD,
      counterIdle: { enabled: false, warningMinutes: 5, criticalMinutes: 15 },
      counterUnstaffed: { enabled: false, graceMinutes: 10 },
      services: {
        'svc-a': { queueLength: { enabled: true, warning: 1, critical: 3 } },
        'svc-d': { waitOverTarget: { enabled: true, criticalPercent: 200 } },
      },
      pauseReasons: { lunch: { enabled: true, warningMinutes: 60, criticalMinutes: 75 } },
    });
    expect(screen.getByTestId('ar-changed').textContent).toContain('Last changed by 周主任');
  });

  it('checks before sending: ranges, critical below warning, a subject chosen, a rule set twice', async () => {
    setLocale('en');
    const { server, container, type } = open({
      ...OLD,
      services: { 'svc-a': { queueLength: { enabled: true, warning: 2, critical: 4 } } },
    });
    await screen.findByText('Branch defaults');
    const services = container.querySelector('[data-overrides=services]') as HTMLElement;
    fireEvent.click(within(services).getByRole('button', { name: 'Add a rule for one service' }));
    fireEvent.click(within(services).getByRole('button', { name: 'Add a rule for one service' }));
    type('defaults.counterPaused.warning', '0');
    type('defaults.queueLength.critical', '10');
    fireEvent.change(container.querySelector('[name="services.2.subject"]')!, { target: { value: 'svc-a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('A whole number from 1 to 1440')).toBeTruthy();
    expect(screen.getByText('Critical must not be below the warning')).toBeTruthy();
    expect(screen.getByText('Choose one')).toBeTruthy();
    expect(screen.getByText('This rule is set twice for the same one')).toBeTruthy();
    expect(
      container.querySelector('[name="defaults.counterPaused.warning"]')!.getAttribute('aria-invalid'),
    ).toBe('true');
    expect(server.requestsTo('branch:alert-rules-set')).toEqual([]);
    // Each row's Remove button names what it removes.
    fireEvent.click(within(services).getByRole('button', { name: 'Remove: row 2 · Long queue' }));
    expect(container.querySelectorAll('[data-overrides=services] .ar-row')).toHaveLength(2);
  });

  it('speaks Chinese, says a branch without pause reason codes must set them first, and shows a refusal', async () => {
    setLocale('zh-CN');
    const { server } = open(OLD);
    server.routes['branch:alert-rules-set'] = () => [
      422,
      { error: { code: 'ALERT_RULES_INVALID', message: 'counters.ctr-9 is not a counter of this branch' } },
    ];
    await screen.findByText('全厅默认');
    expect(screen.getByText('本厅尚未设置暂停原因代码，请先在“原因代码”页设置。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '为一个暂停原因设时限' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '服务器未接受这些规则：counters.ctr-9 is not a counter of this branch',
    );
  });
});
