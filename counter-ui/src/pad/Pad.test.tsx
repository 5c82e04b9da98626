// @vitest-environment happy-dom
import type { PadIdentity, RatingRequest } from '@guichet/server/protocol';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import type { PadHandlers } from '../socket';
import type { RatingDetail } from './keys';
import { DETAIL_IDLE_MS, Pad, padToken } from './Pad';

const none = { reasons: [], dimensions: {} };
const identity: PadIdentity = {
  counterId: 'ctr-3',
  counter: { number: 3, name: { 'zh-CN': '3号窗口', en: 'Counter 3' } },
  clerk: { name: '王芳', staffNumber: '1003', photoUrl: null },
};

const request: RatingRequest = {
  ticketId: 't-A012',
  code: 'A012',
  counterId: 'ctr-1',
  serviceId: 'svc-social',
  timeoutSeconds: 60,
};

function setup(
  submitImpl?: (
    t: string,
    id: string,
    score: number,
    detail: RatingDetail,
    source: string,
  ) => Promise<{ ok: true }>,
) {
  let handlers: PadHandlers | null = null;
  const stop = vi.fn();
  const connect = vi.fn((_token: string, h: PadHandlers) => {
    handlers = h;
    return stop;
  });
  const submit = vi.fn(submitImpl ?? (async () => ({ ok: true as const })));
  render(<Pad token="pad-token-1" connect={connect} submit={submit} />);
  const emit = {
    requested: (r: RatingRequest = request) => act(() => handlers!.onRequested(r)),
    closed: (id: string) => act(() => handlers!.onClosed(id)),
    identity: (p: PadIdentity) => act(() => handlers!.onIdentity!(p)),
  };
  act(() => handlers!.onStatus(true));
  return { connect, submit, stop, emit };
}
const phase = () => document.querySelector<HTMLElement>('.pad')!.dataset.phase;
const flush = () => act(async () => {});

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('rating pad', () => {
  it('waits idle, then shows five faces with words on rating:requested', () => {
    const { connect, emit } = setup();
    expect(connect).toHaveBeenCalledWith('pad-token-1', expect.anything());
    expect(phase()).toBe('idle');
    emit.requested();
    expect(phase()).toBe('ask');
    const faces = [...document.querySelectorAll<HTMLElement>('.face-btn')];
    expect(faces.map((f) => f.dataset.score)).toEqual(['5', '4', '3', '2', '1']);
    expect(faces.map((f) => f.querySelector('.zh')!.textContent)).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    expect(screen.getByText('号码 A012')).toBeTruthy();
  });

  it('a touched face offers the optional dimensions; one button sends, thanks, then idle', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.click(document.querySelector('.face-btn[data-score="4"]')!);
    expect(phase()).toBe('detail');
    expect(screen.getByTestId('detail-level').textContent).toBe('满意Satisfied');
    // A good score asks no reasons; the four dimensions are there, none required.
    expect(document.querySelector('[data-reason]')).toBeNull();
    expect([...document.querySelectorAll('.dim-row')].length).toBe(4);
    fireEvent.click(document.querySelector('[data-dim="attitude"][data-score="5"]')!);
    fireEvent.click(document.querySelector('[data-dim="efficiency"][data-score="3"]')!);
    fireEvent.click(screen.getByTestId('pad-submit'));
    await flush();
    expect(submit).toHaveBeenCalledWith(
      'pad-token-1',
      't-A012',
      4,
      { reasons: [], dimensions: { attitude: 5, efficiency: 3 } },
      'pad',
    );
    expect(phase()).toBe('thanks');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(4100);
    });
    expect(phase()).toBe('idle');
  });

  it('keys 1–5 rate left to right: 1 is 非常满意 (5), 5 is 非常不满意 (1)', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.keyDown(window, { key: '1' });
    await flush();
    expect(submit).toHaveBeenLastCalledWith('pad-token-1', 't-A012', 5, none, 'keypad');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(4100);
    });
    emit.requested({ ...request, ticketId: 't-A013', code: 'A013' });
    fireEvent.keyDown(window, { key: '5' });
    expect(phase()).toBe('reason');
    // The reasons are the protocol's, in its order, with both languages; the key is sent.
    const reasons = [...document.querySelectorAll<HTMLElement>('.reason-btn')];
    expect(reasons.map((r) => r.dataset.reason)).toEqual([
      'long_wait',
      'attitude',
      'not_solved',
      'unclear',
      'other',
    ]);
    expect(reasons[0]!.querySelector('.zh')!.textContent).toBe('等候时间太长');
    expect(reasons[0]!.querySelector('.en')!.textContent).toBe('Waited too long');
    fireEvent.keyDown(window, { key: '2' });
    await flush();
    expect(submit).toHaveBeenLastCalledWith(
      'pad-token-1',
      't-A013',
      1,
      { reasons: ['attitude'], dimensions: {} },
      'keypad',
    );
  });

  it('the two lowest offer any of the reasons, none required', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.click(document.querySelector('.face-btn[data-score="2"]')!);
    expect(phase()).toBe('detail');
    expect(submit).not.toHaveBeenCalled();
    fireEvent.click(document.querySelector('[data-reason="long_wait"]')!);
    fireEvent.click(document.querySelector('[data-reason="unclear"]')!);
    fireEvent.click(document.querySelector('[data-reason="long_wait"]')!);
    expect(document.querySelector('[data-reason="unclear"]')!.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('pad-submit'));
    await flush();
    expect(submit).toHaveBeenCalledWith(
      'pad-token-1',
      't-A012',
      2,
      { reasons: ['unclear'], dimensions: {} },
      'pad',
    );
    expect(phase()).toBe('thanks');
  });

  it('a face chosen and left untouched is sent as it stands', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.click(document.querySelector('.face-btn[data-score="1"]')!);
    fireEvent.click(document.querySelector('[data-reason="attitude"]')!);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DETAIL_IDLE_MS - 1000);
    });
    expect(submit).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1100);
    });
    expect(submit).toHaveBeenCalledWith(
      'pad-token-1',
      't-A012',
      1,
      { reasons: ['attitude'], dimensions: {} },
      'pad',
    );
  });

  it('shows whom the citizen rates: initials, name, 工号 and the window, idle and asking', () => {
    const { emit } = setup();
    expect(screen.queryByTestId('clerk-card')).toBeNull();
    emit.identity(identity);
    const card = screen.getByTestId('clerk-card');
    expect(card.querySelector('[data-portrait="initials"]')!.textContent).toBe('王');
    expect(screen.getByTestId('clerk-name').textContent).toBe('王芳');
    expect(screen.getByTestId('clerk-number').textContent).toBe('工号 1003Staff no. 1003');
    expect(screen.getByTestId('clerk-window').textContent).toBe('3号窗口Counter 3');
    expect(card.getAttribute('aria-label')).toBe('王芳, Staff no. 1003, Counter 3');
    // The request names the clerk who finished the ticket, even if the window changed hands since.
    emit.identity({ ...identity, clerk: { name: 'Li Wei', staffNumber: '1004', photoUrl: null } });
    emit.requested({ ...request, identity });
    expect(phase()).toBe('ask');
    expect(screen.getByTestId('clerk-name').textContent).toBe('王芳');
    emit.closed('t-A012');
    expect(screen.getByTestId('clerk-name').textContent).toBe('Li Wei');
    expect(document.querySelector('[data-portrait="initials"]')!.textContent).toBe('LW');
  });

  it('a photo, fetched with the device token, takes the place of the initials; they come back if it fails', async () => {
    const fetchPhoto = vi.fn(async () => new Response(new Blob(['png'], { type: 'image/png' })));
    vi.stubGlobal('fetch', fetchPhoto);
    const { emit } = setup();
    emit.identity({ ...identity, clerk: { ...identity.clerk!, photoUrl: '/photos/u-3.jpg' } });
    await waitFor(() => expect(document.querySelector('[data-portrait="photo"]')).toBeTruthy());
    expect(fetchPhoto).toHaveBeenCalledWith('/photos/u-3.jpg', {
      headers: { Authorization: 'Bearer pad-token-1' },
    });
    const img = document.querySelector<HTMLImageElement>('[data-portrait="photo"]')!;
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    fireEvent.error(img);
    expect(document.querySelector('[data-portrait="initials"]')!.textContent).toBe('王');
    // A photo the server refuses shows the initials too.
    fetchPhoto.mockResolvedValueOnce(new Response('', { status: 401 }));
    emit.identity({ ...identity, clerk: { ...identity.clerk!, photoUrl: '/photos/u-4.jpg' } });
    await waitFor(() => expect(fetchPhoto).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(document.querySelector('[data-portrait="initials"]')).toBeTruthy());
    vi.unstubAllGlobals();
  });

  it('an empty window says nobody is there, in both languages', () => {
    const { emit } = setup();
    emit.identity({ ...identity, clerk: null });
    expect(screen.getByTestId('clerk-card').textContent).toContain('本窗口暂无工作人员');
    expect(screen.getByTestId('clerk-card').textContent).toContain('No clerk at this window now');
  });

  it('a middle rating asks no reason', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.keyDown(window, { key: '3' });
    await flush();
    expect(submit).toHaveBeenCalledWith('pad-token-1', 't-A012', 3, none, 'keypad');
  });

  it('closes on rating:closed for its ticket, not for another', () => {
    const { emit } = setup();
    emit.requested();
    emit.closed('t-other');
    expect(phase()).toBe('ask');
    emit.closed('t-A012');
    expect(phase()).toBe('idle');
  });

  it('closes itself after timeoutSeconds and then ignores keys', async () => {
    const { submit, emit } = setup();
    emit.requested({ ...request, timeoutSeconds: 30 });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(29_000);
    });
    expect(phase()).toBe('ask');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_100);
    });
    expect(phase()).toBe('idle');
    fireEvent.keyDown(window, { key: '1' });
    await flush();
    expect(submit).not.toHaveBeenCalled();
  });

  it('a ticket already rated still thanks; a refusal says to tell the clerk at once', async () => {
    const { emit } = setup(async () => {
      throw new ApiError(409, 'TICKET_ALREADY_RATED', 'rated');
    });
    emit.requested();
    fireEvent.keyDown(window, { key: '2' });
    await flush();
    expect(phase()).toBe('thanks');
    cleanup();
    const second = setup(async () => {
      throw new ApiError(404, 'TICKET_NOT_FOUND', 'no such ticket at this counter');
    });
    second.emit.requested();
    fireEvent.keyDown(window, { key: '2' });
    await flush();
    expect(phase()).toBe('failed');
    expect(second.submit).toHaveBeenCalledTimes(1);
  });

  it('a rating that did not get through is tried again with growing pauses, then gives up', async () => {
    const { submit, emit } = setup(async () => {
      throw new ApiError(0, 'NETWORK', 'down');
    });
    emit.requested();
    fireEvent.click(document.querySelector('.face-btn[data-score="5"]')!);
    fireEvent.click(screen.getByTestId('pad-submit'));
    await flush();
    expect(submit).toHaveBeenCalledTimes(1);
    expect(phase()).toBe('sending');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(submit).toHaveBeenCalledTimes(2);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(6000);
    });
    expect(submit).toHaveBeenCalledTimes(4);
    expect(phase()).toBe('failed');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000);
    });
    expect(submit).toHaveBeenCalledTimes(4);
  });

  it('a retry answered TICKET_ALREADY_RATED (the first try did get through) thanks', async () => {
    let calls = 0;
    const { submit, emit } = setup(async () => {
      calls++;
      if (calls === 1) throw new ApiError(503, 'HTTP_503', 'Service Unavailable');
      throw new ApiError(409, 'TICKET_ALREADY_RATED', 'rated');
    });
    emit.requested();
    fireEvent.keyDown(window, { key: '1' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(submit).toHaveBeenCalledTimes(2);
    expect(phase()).toBe('thanks');
  });

  it('the offline mark is titled in both languages', () => {
    let handlers: PadHandlers | null = null;
    render(
      <Pad
        token="pad-token-1"
        connect={(_t, h) => {
          handlers = h;
          return () => {};
        }}
      />,
    );
    act(() => handlers!.onStatus(false));
    expect(document.querySelector('.pad-offline')!.getAttribute('title')).toBe('未连接 / Offline');
  });

  it('without a device token it explains pairing and connects nothing', () => {
    const connect = vi.fn();
    render(<Pad token={null} connect={connect} />);
    expect(screen.getByText(/评价器未配对/)).toBeTruthy();
    expect(connect).not.toHaveBeenCalled();
  });

  it('takes ?device= into localStorage and out of the address bar', () => {
    history.replaceState(null, '', '/counter/pad?device=abc123&x=1');
    expect(padToken()).toBe('abc123');
    expect(location.search).toBe('?x=1');
    expect(padToken()).toBe('abc123');
    expect(localStorage.getItem('guichet.pad.token')).toBe('abc123');
  });
});
