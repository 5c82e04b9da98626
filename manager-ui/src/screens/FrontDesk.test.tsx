// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale, snapshot } from '../store';
import { fakeServer, hall, resetAfterEach, seedManager, T0, ticket } from '../testing/fixtures';
import { FrontDesk } from './FrontDesk';

resetAfterEach();

const find = (code: string) => {
  fireEvent.input(screen.getByLabelText(/今日号码|ticket number/), { target: { value: code } });
  fireEvent.submit(screen.getByLabelText(/今日号码|ticket number/).closest('form')!);
};

describe('front desk: find, reinstate, cancel', () => {
  it('finds a no-show by its number in any case and puts it back in the queue', async () => {
    setLocale('zh-CN');
    const a3 = ticket('A003', {
      status: 'no_show',
      calledAt: T0 + 60_000,
      callCount: 3,
      finishedAt: T0 + 240_000,
    });
    seedManager(hall({ tickets: [a3] }));
    const server = fakeServer();
    render(<FrontDesk />);
    find(' a003 ');
    expect(screen.getByTestId('ticket-status').textContent).toBe('过号');
    expect(screen.getByText(/最近一次呼叫（第 3 次）/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重新排队' }));
    await screen.findByText('A003 已重新排队。');
    expect(server.requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/tickets/t-A003/reinstate',
      method: 'POST',
    });
    // The stream then brings the ticket back as waiting: the card follows it live.
    snapshot.value = hall({ tickets: [{ ...a3, status: 'waiting', finishedAt: null }] });
    await waitFor(() => expect(screen.getByTestId('ticket-status').textContent).toBe('等候中'));
    expect(screen.queryByRole('button', { name: '重新排队' })).toBeNull();
  });

  it("says plainly when a number is not among today's tickets", () => {
    fakeServer(200, []);
    setLocale('en');
    seedManager(hall());
    render(<FrontDesk />);
    find('B999');
    expect(screen.getByTestId('not-found').textContent).toContain('B999 is not among');
  });

  it("lists today's no-shows, and a click opens one", () => {
    fakeServer(200, []);
    setLocale('en');
    seedManager(hall({ tickets: [ticket('A001', { status: 'no_show', finishedAt: T0 }), ticket('A002')] }));
    render(<FrontDesk />);
    const chips = screen.getByTestId('no-shows').querySelectorAll('button');
    expect([...chips].map((c) => c.dataset.ticket)).toEqual(['A001']);
    fireEvent.click(chips[0]!);
    expect(screen.getByTestId('ticket-status').textContent).toBe('No-show');
  });

  it('cancelling needs a reason, and "other" needs the details typed', async () => {
    setLocale('en');
    seedManager(hall({ tickets: [ticket('A004')] }));
    const server = fakeServer();
    render(<FrontDesk />);
    find('A004');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel ticket' }));
    const confirm = () => screen.getByTestId('dialog-confirm') as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Other'));
    expect(confirm().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('The citizen left'));
    expect(confirm().disabled).toBe(false);
    fireEvent.click(confirm());
    await screen.findByText('A004 is cancelled.');
    expect(server.requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/tickets/t-A004/cancel-by-staff',
      body: { reason: 'The citizen left' },
    });
  });

  it("a refusal is shown in the reader's language, not the server's English", async () => {
    setLocale('zh-CN');
    seedManager(hall({ tickets: [ticket('A005', { status: 'no_show' })] }));
    fakeServer(409, { error: { code: 'TICKET_NOT_NO_SHOW', message: 'ticket A005 is waiting' } });
    render(<FrontDesk />);
    find('A005');
    fireEvent.click(screen.getByRole('button', { name: '重新排队' }));
    expect((await screen.findByRole('alert')).textContent).toBe('该号码不是过号状态，无法重新排队');
  });
});
