// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { phone, resetStores } from '../store';
import { phoneReady, publicView, stubFetch } from '../test/fixtures';
import { FEEDBACK_STRINGS } from './feedback-strings';
import { PhoneApp } from './PhoneApp';

vi.mock('../sound', () => ({
  beep: vi.fn(() => true),
  vibrate: vi.fn(() => true),
  unlockSound: vi.fn(),
  soundReady: vi.fn(() => false),
}));

const HOUR = 3_600_000;

beforeEach(() => resetStores());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('phone page: rated, comment, complaint', () => {
  it('a visit rated on the pad says so in both languages and offers no rating', () => {
    phoneReady({
      status: 'done',
      rated: true,
      rating: { channel: 'pad', at: Date.now(), commentUntil: null },
    });
    render(<PhoneApp />);
    const said = document.querySelector('[data-rated]')!;
    expect(said.getAttribute('data-rated')).toBe('elsewhere');
    expect(said.textContent).toContain('本次服务已在窗口评价器上评价');
    expect(said.textContent).toContain("already rated on the counter's rating pad");
    expect(document.body.textContent).not.toContain('感谢您的评价');
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  it('a 409 TICKET_ALREADY_RATED reads "already rated", never "thank you"', async () => {
    const { fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/rating': () => ({
        status: 409,
        body: { error: { code: 'TICKET_ALREADY_RATED', message: 'rated on the pad' } },
      }),
      'GET /api/v1/tickets/t-1': () => ({
        status: 200,
        body: publicView({
          status: 'done',
          rated: true,
          rating: { channel: 'pad', at: 1, commentUntil: null },
        }),
      }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady({ status: 'done' });
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('radio', { name: '满意' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(document.querySelector('[data-rated]')).not.toBeNull());
    expect(document.querySelector('[data-rated]')!.getAttribute('data-rated')).toBe('elsewhere');
    expect(document.body.textContent).not.toContain('感谢您的评价');
    expect(document.body.textContent).toContain('本次服务已经评价过');
    // The view loaded again names the channel.
    phone.view.value = publicView({
      status: 'done',
      rated: true,
      rating: { channel: 'pad', at: 1, commentUntil: null },
    });
    await waitFor(() => expect(document.body.textContent).toContain('窗口评价器'));
  });

  it('a 409 TICKET_NOT_CURRENT says the visit is not finished, not "try again"', async () => {
    const { fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/rating': () => ({
        status: 409,
        body: { error: { code: 'TICKET_NOT_CURRENT', message: 'only a finished ticket can be rated' } },
      }),
      'GET /api/v1/tickets/t-1': () => ({ status: 200, body: publicView({ status: 'serving' }) }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady({ status: 'done' });
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('radio', { name: '满意' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(document.body.textContent).toContain('本次服务尚未办结，办结后才能评价。'));
    expect(document.body.textContent).not.toContain('请稍后再试');
  });

  it('after rating here: thanks, then one supplementary comment within its period', async () => {
    const until = Date.now() + 72 * HOUR;
    const { calls, fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/rating': () => ({ status: 200, body: { ok: true } }),
      'GET /api/v1/tickets/t-1': () => ({
        status: 200,
        body: publicView({
          status: 'done',
          rated: true,
          rating: { channel: 'phone', at: 1, commentUntil: until },
        }),
      }),
      'POST /api/v1/tickets/t-1/rating/comment': () => ({ status: 200, body: { ok: true } }),
    });
    vi.stubGlobal('fetch', fetchStub);
    // The page loads the view itself after the rating (no socket here): the test puts it in.
    phoneReady({ status: 'done' });
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('radio', { name: '非常满意' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(document.querySelector('[data-rated="here"]')).not.toBeNull());
    expect(document.body.textContent).toContain('感谢您的评价');
    phone.view.value = publicView({
      status: 'done',
      rated: true,
      rating: { channel: 'phone', at: 1, commentUntil: until },
    });
    const form = await screen.findByTestId('comment-form');
    fireEvent.input(form.querySelector('textarea')!, { target: { value: '窗口人员很耐心' } });
    fireEvent.submit(form);
    await screen.findByText('补充评价已收到，谢谢。');
    expect(calls.find((c) => c.path.endsWith('/rating/comment'))!.body).toEqual({
      key: 'k',
      text: '窗口人员很耐心',
    });
  });

  it('no comment form once the period is over', () => {
    phoneReady({
      status: 'done',
      rated: true,
      rating: { channel: 'phone', at: 1, commentUntil: Date.now() - 1000 },
    });
    render(<PhoneApp />);
    expect(screen.queryByTestId('comment-form')).toBeNull();
  });

  it('the 意见 form sends category, text and contact tied to the ticket key, and shows the reference', async () => {
    const { calls, fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/complaint': () => ({
        status: 201,
        body: { ok: true, reference: 'C-20261201-0003' },
      }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady({ status: 'done', rated: true, rating: { channel: 'pad', at: 1, commentUntil: null } });
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('button', { name: '提意见或投诉' }));
    const form = screen.getByTestId('complaint-form');
    const send = screen.getByRole('button', { name: '提交意见' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(form.querySelector('[data-category="efficiency"]')!);
    fireEvent.input(form.querySelector('textarea')!, { target: { value: '等了很久才叫号' } });
    expect(form.textContent).toContain('7 / 1000');
    fireEvent.input(form.querySelector('input[name=phone]')!, { target: { value: 'abc' } });
    expect(form.textContent).toContain('电话号码只能包含数字');
    expect(send.disabled).toBe(true);
    fireEvent.input(form.querySelector('input[name=phone]')!, { target: { value: '13812345678' } });
    fireEvent.submit(form);
    const sent = await screen.findByTestId('complaint-sent');
    expect(sent.textContent).toContain('C-20261201-0003');
    expect(calls[0]!.body).toEqual({
      key: 'k',
      category: 'efficiency',
      text: '等了很久才叫号',
      contact: { phone: '13812345678' },
    });
  });

  it('the complaint limit is reported plainly, in the page language', async () => {
    const { fetchStub } = stubFetch({
      'POST /api/v1/tickets/t-1/complaint': () => ({
        status: 429,
        body: { error: { code: 'COMPLAINT_LIMIT_REACHED', message: 'limit' } },
      }),
    });
    vi.stubGlobal('fetch', fetchStub);
    phoneReady({ status: 'waiting', locale: 'en' });
    render(<PhoneApp />);
    fireEvent.click(screen.getByRole('button', { name: 'Make a suggestion or complaint' }));
    const form = screen.getByTestId('complaint-form');
    fireEvent.input(form.querySelector('textarea')!, { target: { value: 'Too slow' } });
    fireEvent.submit(form);
    const limit = await screen.findByTestId('complaint-limit');
    expect(limit.textContent).toContain('reached the limit of complaints');
    expect(limit.textContent).toContain('12345');
    expect(document.body.textContent).not.toContain('limit\n');
  });

  it('both languages have the same non-empty words', () => {
    const zh = FEEDBACK_STRINGS['zh-CN'];
    const en = FEEDBACK_STRINGS.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const v of [...Object.values(zh), ...Object.values(en)]) expect(v.trim()).not.toBe('');
  });
});
