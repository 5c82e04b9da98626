// @vitest-environment happy-dom
import type { RatingRequest } from '@guichet/server/protocol';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import type { PadHandlers } from '../socket';
import { Pad, padToken } from './Pad';

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
    reason: string | null,
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

  it('a good rating is posted at once, thanks, then returns to idle', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.click(document.querySelector('[data-score="4"]')!);
    await flush();
    expect(submit).toHaveBeenCalledWith('pad-token-1', 't-A012', 4, null, 'pad');
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
    expect(submit).toHaveBeenLastCalledWith('pad-token-1', 't-A012', 5, null, 'keypad');
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
    expect(submit).toHaveBeenLastCalledWith('pad-token-1', 't-A013', 1, 'attitude', 'keypad');
  });

  it('the two lowest ask for an optional reason; it can be skipped', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.click(document.querySelector('[data-score="2"]')!);
    expect(phase()).toBe('reason');
    expect(submit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('不填写，提交'));
    await flush();
    expect(submit).toHaveBeenCalledWith('pad-token-1', 't-A012', 2, null, 'pad');
    expect(phase()).toBe('thanks');
  });

  it('a middle rating asks no reason', async () => {
    const { submit, emit } = setup();
    emit.requested();
    fireEvent.keyDown(window, { key: '3' });
    await flush();
    expect(submit).toHaveBeenCalledWith('pad-token-1', 't-A012', 3, null, 'keypad');
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
    fireEvent.click(document.querySelector('[data-score="5"]')!);
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
