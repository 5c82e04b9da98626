// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { hallConfig } from '../../testing/config-a';
import { fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Branch } from './Branch';

resetAfterEach();

const input = (container: Element, name: string, value: string) =>
  fireEvent.input(container.querySelector(`[name="${name}"]`)!, { target: { value } });

describe('branch settings', () => {
  it('checks the hours before sending, then sends names, address, hours, calendar and own dates', async () => {
    setLocale('en');
    seedManager(hall({ branch: { ...hall().branch, businessDay: '2026-09-30' } }));
    const server = fakeServer();
    server.routes['branch:config'] = () => [200, hallConfig()];
    const { container } = render(<Branch />);
    await screen.findByText('Branch settings');
    // The calendar's next days, the branch's own marked as such.
    const rows = [...container.querySelectorAll('[data-testid=upcoming] tr')].map((r) =>
      r.getAttribute('data-kind'),
    );
    expect(rows).toEqual(['kind_holiday', 'kind_makeup', 'kind_own']);
    input(container, 'hours-1', '09:00-08:00');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const monday = container.querySelector('[name=hours-1]')!;
    expect(monday.getAttribute('aria-invalid')).toBe('true');
    expect(monday.getAttribute('aria-describedby')).toContain('hours-1-err');
    expect(server.requestsTo('branch:update')).toEqual([]);
    input(container, 'hours-1', '8:30-12:00, 13:30-17:00');
    input(container, 'address.zh-CN', ' 民安街 12 号 ');
    input(container, 'address.en', '12 Min-an Street');
    fireEvent.click(screen.getByRole('button', { name: 'Add a date' }));
    input(container, 'exc-1-date', '2026-12-31');
    fireEvent.change(container.querySelector('[name=exc-1-kind]')!, { target: { value: 'open' } });
    input(container, 'exc-1-hours', '09:00-12:00');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(server.requestsTo('branch:update')[0]!.body).toMatchObject({
      address: { 'zh-CN': '民安街 12 号', en: '12 Min-an Street' },
      hours: {
        1: [
          { open: '08:30', close: '12:00' },
          { open: '13:30', close: '17:00' },
        ],
      },
      holidays: 'cn',
      exceptions: [
        { date: '2026-10-16', intervals: [], note: '内部培训' },
        { date: '2026-12-31', intervals: [{ open: '09:00', close: '12:00' }] },
      ],
    });
  });

  it("shows the server's field error next to the field", async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = fakeServer();
    server.routes['branch:config'] = () => [200, hallConfig()];
    server.routes['branch:update'] = () => [
      400,
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'body.name.en must NOT have more than 200 characters',
          field: 'name.en',
        },
      },
    ];
    const { container } = render(<Branch />);
    await screen.findByText('大厅设置');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('请先改正标出的项目。');
    const en = container.querySelector('[name="name.en"]')!;
    expect(en.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-field-error]')!.textContent).toContain('body.name.en');
  });
});
