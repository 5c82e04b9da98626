// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { hallConfig } from '../../testing/config-a';
import { fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Reasons } from './Reasons';

resetAfterEach();

const lunch = { code: 'lunch', label: { 'zh-CN': '用餐', en: 'Meal break' } };

describe('reason codes', () => {
  it('adds, renames and retires (after a confirmation) a pause reason', async () => {
    setLocale('en');
    seedManager(hall());
    const server = fakeServer();
    server.routes['branch:config'] = () => [200, hallConfig({ pauseReasons: [lunch], closeReasons: [] })];
    const { container } = render(<Reasons />);
    await screen.findByText('Reason codes');
    const pause = container.querySelector('[data-reasons=pauseReasons]') as HTMLElement;
    // A saved code is fixed; its labels change.
    expect((pause.querySelector('[name=pauseReasons-0-code]') as HTMLInputElement).readOnly).toBe(true);
    fireEvent.input(pause.querySelector('[name="pauseReasons-0-label.en"]')!, { target: { value: 'Lunch' } });
    fireEvent.click(within(pause).getByRole('button', { name: 'Retire' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(within(pause).queryByRole('button', { name: 'Restore' })).toBeNull();
    fireEvent.click(within(pause).getByRole('button', { name: 'Retire' }));
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    fireEvent.click(within(pause).getByRole('button', { name: 'Add a reason' }));
    fireEvent.input(pause.querySelector('[name=pauseReasons-1-code]')!, { target: { value: 'lunch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(within(pause).getByText('This code is used twice')).toBeTruthy();
    expect(within(pause).getAllByText('Required')).toHaveLength(2);
    expect(server.requestsTo('branch:update')).toEqual([]);
    fireEvent.input(pause.querySelector('[name=pauseReasons-1-code]')!, { target: { value: 'training' } });
    fireEvent.input(pause.querySelector('[name="pauseReasons-1-label.zh-CN"]')!, {
      target: { value: '培训' },
    });
    fireEvent.input(pause.querySelector('[name="pauseReasons-1-label.en"]')!, {
      target: { value: 'Training' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(server.requestsTo('branch:update')[0]!.body).toEqual({
      pauseReasons: [
        { code: 'lunch', label: { 'zh-CN': '用餐', en: 'Lunch' }, retired: true },
        { code: 'training', label: { 'zh-CN': '培训', en: 'Training' } },
      ],
      closeReasons: [],
    });
  });

  it("offers the console's built-in reasons until the branch has its own", async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = fakeServer();
    server.routes['branch:config'] = () => [200, hallConfig()];
    const { container } = render(<Reasons />);
    await screen.findByText('原因代码');
    expect(screen.getAllByText('尚未设置，以下为窗口端的默认原因；保存后可修改。')).toHaveLength(2);
    expect(
      [...container.querySelectorAll('[data-reasons=closeReasons] tr[data-reason]')].map((r) =>
        r.getAttribute('data-reason'),
      ),
    ).toEqual(['end-of-shift', 'handover', 'technical']);
  });
});
