// @vitest-environment happy-dom
import { wire } from '@guichet/server/kit/testing';
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../store';
import { fakeServer, hall, resetAfterEach, seedManager } from '../testing/fixtures';
import { IssueForm } from './IssueForm';

resetAfterEach();

const pick = (serviceId: string) =>
  fireEvent.change(screen.getByRole('combobox'), { target: { value: serviceId } });
const issued = wire.issued({
  id: 't-E001',
  code: 'E001',
  serviceId: 'svc-e',
  ticketClass: 'priority',
  ahead: 2,
  estimatedWaitMinutes: 10,
  estimatedWaitRange: [8, 14],
  trackUrl: 'http://x/kiosk/track?t=t-E001&k=k',
  print: { status: 'no_printer', reason: null },
});

describe('issue a ticket on behalf of a citizen', () => {
  it('asks for priority only where allowed and the ID number only where required', () => {
    setLocale('en');
    seedManager(hall());
    render(<IssueForm />);
    pick('svc-d');
    expect(screen.queryByLabelText(/Priority/)).toBeNull();
    expect(screen.queryByLabelText(/ID number/)).toBeNull();
    pick('svc-e');
    expect(screen.getByLabelText(/Priority/)).toBeTruthy();
    const issue = screen.getByRole('button', { name: 'Issue ticket' }) as HTMLButtonElement;
    expect(issue.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText(/ID number/), { target: { value: '12345' } });
    expect(issue.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText(/ID number/), { target: { value: '110101199001011234' } });
    expect(issue.disabled).toBe(false);
    // Read over the shoulder, the desk screen shows the mask, never the number.
    expect((screen.getByLabelText(/ID number/) as HTMLInputElement).type).toBe('password');
    expect(screen.getByTestId('person-mask').textContent).toBe('**************1234');
    expect(document.body.textContent).not.toContain('11010119900101');
  });

  it('sends the same Idempotency-Key again after a lost reply, and a new one for another request', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = fakeServer(503, { error: { code: 'INTERNAL', message: 'x' } });
    const sent = () => server.requestsTo('tickets:issue');
    render(<IssueForm />);
    pick('svc-e');
    fireEvent.input(screen.getByLabelText(/证件号/), { target: { value: '110101199001011234' } });
    fireEvent.click(screen.getByLabelText(/优先/));
    fireEvent.click(screen.getByRole('button', { name: '取号' }));
    await screen.findByRole('alert');
    const first = sent()[0]!;
    expect(first.path).toBe('/branches/demo-hall/tickets');
    expect(first.body).toEqual({
      serviceId: 'svc-e',
      priority: true,
      locale: 'zh-CN',
      personId: '110101199001011234',
    });
    server.routes['tickets:issue'] = () => [201, issued];
    fireEvent.click(screen.getByRole('button', { name: '取号' }));
    expect((await screen.findByTestId('issued-code')).textContent).toBe('E001');
    expect(sent()[1]!.headers['Idempotency-Key']).toBe(first.headers['Idempotency-Key']);
    expect(screen.getByTestId('issued').textContent).toContain('前面 2 人');
    expect(screen.getByTestId('issued').textContent).toContain('预计等候 8–14 分钟');
    // The next citizen is another request with a key of its own.
    fireEvent.click(screen.getByRole('button', { name: '继续取号' }));
    pick('svc-a');
    fireEvent.click(screen.getByRole('button', { name: '取号' }));
    await screen.findByTestId('issued-code');
    expect(sent()[2]!.headers['Idempotency-Key']).not.toBe(first.headers['Idempotency-Key']);
    expect(sent()[2]!.headers['Idempotency-Key']).toMatch(/^desk-[0-9a-f]{32}$/);
  });
});
