// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { hallConfig } from '../../testing/config-a';
import { counter, fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Counters } from './Counters';

resetAfterEach();

describe('counters', () => {
  it('edits the work profile with levels; an open counter is said to change at once', async () => {
    setLocale('en');
    seedManager(
      hall({ counters: [counter(1, { id: 'ctr-1', state: 'serving' }), counter(2, { id: 'ctr-2' })] }),
    );
    const server = fakeServer();
    server.routes['branch:config'] = () => [200, hallConfig()];
    const { container } = render(<Counters />);
    await screen.findByText('Counters');
    const first = container.querySelector('tr[data-counter=ctr-1]') as HTMLElement;
    expect(first.textContent).toContain('Serving');
    fireEvent.click(within(first).getByRole('button', { name: 'Edit Counter 1' }));
    const form = container.querySelector('form[data-form=counter]') as HTMLElement;
    expect(within(form).getByTestId('counter-open').textContent).toContain('apply as soon as you save');
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Serves E Service E' }));
    fireEvent.change(within(form).getByRole('combobox', { name: 'Level of E Service E' }), {
      target: { value: '3' },
    });
    fireEvent.input(form.querySelector('[name=number]')!, { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(form.querySelector('[name=number]')!.getAttribute('aria-invalid')).toBe('true');
    expect(server.requestsTo('counter:update')).toEqual([]);
    fireEvent.input(form.querySelector('[name=number]')!, { target: { value: '1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(server.requestsTo('counter:update')[0]).toMatchObject({
      path: '/counters/ctr-1',
      body: {
        number: 1,
        services: [
          { serviceId: 'svc-a', level: 1 },
          { serviceId: 'svc-e', level: 3 },
        ],
      },
    });
  });

  it('a number taken by another counter is shown in the reader’s language', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = fakeServer();
    server.routes['branch:config'] = () => [200, hallConfig()];
    server.routes['counters:create'] = () => [
      409,
      { error: { code: 'COUNTER_NUMBER_TAKEN', message: 'number 3 is counter x' } },
    ];
    const { container } = render(<Counters />);
    await screen.findByText('窗口设置');
    fireEvent.click(screen.getByRole('button', { name: '新增窗口' }));
    const form = container.querySelector('form[data-form=counter]') as HTMLElement;
    expect((form.querySelector('[name=number]') as HTMLInputElement).value).toBe('3');
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('该窗口号已被其他窗口使用');
  });

  it("sets a counter's own hours (checked like the branch's) and goes back to the branch's", async () => {
    setLocale('en');
    seedManager(hall({ counters: [counter(1, { id: 'ctr-1' }), counter(2, { id: 'ctr-2' })] }));
    const server = fakeServer();
    const mornings = { '1': [{ open: '08:30', close: '12:00' }] };
    server.routes['branch:config'] = () => [200, hallConfig({ counterHours: { 'ctr-2': mornings } })];
    const { container } = render(<Counters />);
    await screen.findByText('Counters');
    const edit = (n: number) => {
      const row = container.querySelector(`tr[data-counter=ctr-${n}]`) as HTMLElement;
      fireEvent.click(within(row).getByRole('button', { name: `Edit Counter ${n}` }));
      return container.querySelector('form[data-form=counter]') as HTMLElement;
    };
    let form = edit(1);
    const own = within(form).getByRole('checkbox', { name: 'This counter has its own published hours' });
    expect((own as HTMLInputElement).checked).toBe(false);
    expect(form.querySelector('[data-hours=hours]')).toBeNull();
    fireEvent.click(own);
    // Prefilled with the branch's hours; a bad line is refused in place, nothing sent.
    expect((form.querySelector('[name=hours-1]') as HTMLInputElement).value).toBe('09:00-17:00');
    fireEvent.input(form.querySelector('[name=hours-1]')!, { target: { value: '9-12' } });
    fireEvent.input(form.querySelector('[name=hours-2]')!, { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(form.querySelector('[name=hours-1]')!.getAttribute('aria-invalid')).toBe('true');
    expect(server.requestsTo('counter:update')).toEqual([]);
    fireEvent.input(form.querySelector('[name=hours-1]')!, { target: { value: '08:00-12:00, 13:00-15:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const sent = server.requestsTo('counter:update')[0]?.body as { hours: Record<string, unknown> };
    expect(sent.hours['1']).toEqual([
      { open: '08:00', close: '12:00' },
      { open: '13:00', close: '15:00' },
    ]);
    expect(sent.hours['2']).toBeUndefined();
    fireEvent.click(within(form).getByRole('button', { name: 'Close' }));
    // Counter 2 has its own hours: shown ticked; unticked, the change sends null (the branch's).
    form = edit(2);
    expect((form.querySelector('[name=hours-1]') as HTMLInputElement).value).toBe('08:30-12:00');
    fireEvent.click(within(form).getByRole('checkbox', { name: 'This counter has its own published hours' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.requestsTo('counter:update')).toHaveLength(2));
    expect(server.requestsTo('counter:update')[1]?.body).toMatchObject({ hours: null });
  });
});
