// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../store';
import { EMERGENCY_PRESETS } from '../strings';
import { fakeServer, hall, resetAfterEach, seedManager, T0 } from '../testing/fixtures';
import { Notices } from './Notices';

resetAfterEach();

describe('hall notice and emergency', () => {
  it('an emergency needs both languages and one confirmation; Cancel sends nothing', async () => {
    setLocale('en');
    seedManager(hall());
    const server = fakeServer();
    const { container } = render(<Notices />);
    const start = screen.getByRole('button', { name: 'Start emergency' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    fireEvent.input(container.querySelector('textarea[name=emergency-zh]')!, { target: { value: '停电' } });
    expect(start.disabled).toBe(true);
    fireEvent.click(container.querySelector('[data-preset=emergency-0]')!);
    expect(start.disabled).toBe(false);
    fireEvent.click(start);
    expect(screen.getByRole('dialog').textContent).toContain(EMERGENCY_PRESETS[0]!['zh-CN']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.requests).toEqual([]);
    fireEvent.click(start);
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await screen.findByText('The emergency is on.');
    expect(server.requests[0]).toMatchObject({
      path: '/branches/demo-hall/emergency',
      method: 'PUT',
      body: { message: EMERGENCY_PRESETS[0], stopIssuing: true },
    });
  });

  it('an emergency that is on is ended with one confirmation', async () => {
    setLocale('zh-CN');
    seedManager(
      hall({
        branch: {
          ...hall().branch,
          emergency: { message: { 'zh-CN': '停电', en: 'Power cut' }, since: T0, stopIssuing: true },
        },
      }),
    );
    const server = fakeServer();
    render(<Notices />);
    expect(screen.getByTestId('current-emergency').textContent).toContain('自 09:00 起');
    fireEvent.click(screen.getByRole('button', { name: '解除紧急状态' }));
    expect(screen.getByRole('dialog').textContent).toContain('Power cut');
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await screen.findByText('紧急状态已解除。');
    expect(server.requests[0]).toMatchObject({ path: '/branches/demo-hall/emergency', method: 'DELETE' });
  });

  it('the hall notice is set in both languages and taken down', async () => {
    setLocale('en');
    seedManager(hall({ branch: { ...hall().branch, notice: { 'zh-CN': '旧通知', en: 'Old notice' } } }));
    const server = fakeServer();
    const { container } = render(<Notices />);
    fireEvent.input(container.querySelector('textarea[name=notice-zh]')!, {
      target: { value: ' 今天下午三点闭厅 ' },
    });
    fireEvent.input(container.querySelector('textarea[name=notice-en]')!, {
      target: { value: 'Closing at 3 pm' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Show notice' }));
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await screen.findByText('The notice is shown.');
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      path: '/branches/demo-hall/notice',
      body: { 'zh-CN': '今天下午三点闭厅', en: 'Closing at 3 pm' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Take notice down' }));
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await screen.findByText('The notice is taken down.');
    expect(server.requests[1]).toMatchObject({ method: 'PUT', body: null });
  });
});
