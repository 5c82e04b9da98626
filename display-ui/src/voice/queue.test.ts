import type { CallView, Locale } from '@guichet/server/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callPhrase, spellCode } from './phrases.js';
import { AnnouncementQueue, type QueueOptions, type Utterance } from './queue.js';

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);

function call(code: string, counterNumber: number, over: Partial<CallView> = {}): CallView {
  return {
    ticketId: `t-${code}`,
    code,
    serviceId: 'svc-social',
    counterId: `ctr-${counterNumber}`,
    counterNumber,
    counterName: { 'zh-CN': `${counterNumber} 号窗口`, en: `Counter ${counterNumber}` },
    callCount: 1,
    calledAt: Date.now(),
    ...over,
  };
}

/** A speaker whose utterances take `ms` of fake time; records start and end of each. */
function fakeSpeaker(ms = 2000, voices: string[] = ['zh-CN', 'en-US']) {
  const spoken: { u: Utterance; start: number; end: number | null }[] = [];
  let speaking = 0;
  let maxConcurrent = 0;
  return {
    spoken,
    maxConcurrent: () => maxConcurrent,
    speaker: {
      canSpeak: (lang: string) => voices.includes(lang),
      speak(u: Utterance) {
        const entry = { u, start: Date.now(), end: null as number | null };
        spoken.push(entry);
        speaking++;
        maxConcurrent = Math.max(maxConcurrent, speaking);
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            speaking--;
            entry.end = Date.now();
            resolve();
          }, ms),
        );
      },
    },
  };
}

function makeQueue(
  opts: Partial<Omit<QueueOptions, 'locales'>> & { locales?: Locale[]; ms?: number; voices?: string[] } = {},
) {
  const { locales, ms, voices, ...over } = opts;
  const fake = fakeSpeaker(ms, voices);
  const chimes: number[] = [];
  const queue = new AnnouncementQueue({
    speaker: () => fake.speaker,
    chime: {
      play: () => {
        chimes.push(Date.now());
        return new Promise((r) => setTimeout(r, 1000));
      },
    },
    locales: () => locales ?? ['zh-CN', 'en'],
    repeat: () => 1,
    enabled: () => true,
    ...over,
  });
  return { queue, fake, chimes };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('phrases', () => {
  it('reads codes character by character in each language', () => {
    expect(spellCode('en', 'A012')).toBe('A 0 1 2');
    expect(spellCode('zh-CN', 'A012')).toBe('A 零 一 二');
    expect(callPhrase('zh-CN', 'A012', 3)).toBe('请 A 零 一 二 号到 3 号窗口办理');
    expect(callPhrase('en', 'A012', 3)).toBe('Ticket A 0 1 2, please go to counter 3');
  });
});

describe('AnnouncementQueue', () => {
  it('chimes, then speaks each language in turn, one call after another without overlap', async () => {
    const { queue, fake, chimes } = makeQueue();
    queue.enqueue(call('A001', 1), 'live');
    queue.enqueue(call('B002', 2), 'live');
    queue.enqueue(call('C003', 3), 'live');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.text)).toEqual([
      '请 A 零 零 一 号到 1 号窗口办理',
      'Ticket A 0 0 1, please go to counter 1',
      '请 B 零 零 二 号到 2 号窗口办理',
      'Ticket B 0 0 2, please go to counter 2',
      '请 C 零 零 三 号到 3 号窗口办理',
      'Ticket C 0 0 3, please go to counter 3',
    ]);
    expect(fake.spoken.map((s) => s.u.lang)).toEqual(['zh-CN', 'en-US', 'zh-CN', 'en-US', 'zh-CN', 'en-US']);
    expect(fake.maxConcurrent()).toBe(1);
    for (let i = 1; i < fake.spoken.length; i++) {
      const prev = fake.spoken[i - 1]!;
      expect(prev.end).not.toBeNull();
      expect(fake.spoken[i]!.start).toBeGreaterThanOrEqual(prev.end!);
    }
    // One chime per call, each before that call's first utterance and after the previous call ended.
    expect(chimes).toHaveLength(3);
    expect(chimes[1]!).toBeGreaterThanOrEqual(fake.spoken[1]!.end!);
    expect(fake.spoken[2]!.start).toBeGreaterThanOrEqual(chimes[1]! + 1000);
    expect(queue.busy).toBe(false);
  });

  it('drops a waiting announcement whose call was taken back before its turn', async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    queue.enqueue(call('A001', 1), 'live');
    queue.enqueue(call('B002', 2), 'live');
    queue.withdraw(['t-B002']);
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.text)).toEqual(['Ticket A 0 0 1, please go to counter 1']);
  });

  it('announces the same call only once, even when it is seen again in a snapshot', async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    const c = call('A001', 1);
    expect(queue.enqueue(c, 'live')).toBe('queued');
    expect(queue.enqueue({ ...c }, 'live')).toBe('duplicate');
    await vi.runAllTimersAsync();
    expect(queue.enqueue({ ...c }, 'live')).toBe('duplicate');
    await vi.runAllTimersAsync();
    expect(fake.spoken).toHaveLength(1);
  });

  it('announces a recall (higher callCount) again', async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    const c = call('A001', 1);
    queue.enqueue(c, 'live');
    await vi.runAllTimersAsync();
    vi.advanceTimersByTime(20_000);
    expect(queue.enqueue({ ...c, callCount: 2, calledAt: Date.now() }, 'live')).toBe('queued');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.text)).toEqual([
      'Ticket A 0 0 1, please go to counter 1',
      'Ticket A 0 0 1, please go to counter 1',
    ]);
  });

  it('announces a parked ticket called back again, although its callCount starts again at 1', async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    const c = call('A001', 1);
    queue.enqueue(c, 'live');
    await vi.runAllTimersAsync();
    vi.advanceTimersByTime(60_000);
    expect(queue.enqueue({ ...c, counterNumber: 4, calledAt: Date.now() }, 'live')).toBe('queued');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.text)).toEqual([
      'Ticket A 0 0 1, please go to counter 1',
      'Ticket A 0 0 1, please go to counter 4',
    ]);
  });

  it('merges a recall of a ticket still waiting its turn into one announcement at the newest counter', async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    queue.enqueue(call('A001', 1), 'live');
    queue.enqueue(call('B001', 2), 'live');
    expect(queue.enqueue(call('B001', 5, { callCount: 2 }), 'live')).toBe('merged');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.text)).toEqual([
      'Ticket A 0 0 1, please go to counter 1',
      'Ticket B 0 0 1, please go to counter 5',
    ]);
  });

  it('shows but does not read out calls older than 30 s in a resync snapshot (after an outage)', async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    const at = Date.now();
    expect(queue.enqueue(call('A001', 1, { calledAt: at - 120_000 }), { snapshotAt: at })).toBe('stale');
    expect(queue.enqueue(call('A002', 1, { calledAt: at - 31_000 }), { snapshotAt: at })).toBe('stale');
    expect(queue.enqueue(call('A003', 1, { calledAt: at - 5_000 }), { snapshotAt: at })).toBe('queued');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.text)).toEqual(['Ticket A 0 0 3, please go to counter 1']);
  });

  it("judges a snapshot's calls on the server's clock alone: the PC's clock does not matter", async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    // The server is an hour behind this PC (or the PC's clock is about to be corrected).
    const serverNow = Date.now() - 3_600_000;
    expect(queue.enqueue(call('A001', 1, { calledAt: serverNow - 2000 }), { snapshotAt: serverNow })).toBe(
      'queued',
    );
    vi.setSystemTime(Date.now() + 7_200_000);
    expect(queue.enqueue(call('A002', 1, { calledAt: serverNow - 1000 }), { snapshotAt: serverNow })).toBe(
      'queued',
    );
    await vi.runAllTimersAsync();
    expect(fake.spoken).toHaveLength(2);
  });

  it('always reads out a live call, however far the PC clock is from the server clock', async () => {
    const { queue, fake } = makeQueue({ locales: ['en'] });
    // NTP moved this PC's clock an hour forward after connecting: by the local clock, the call
    // made just now looks an hour old. It came as a live delta, so it is new by definition.
    vi.setSystemTime(Date.now() + 3_600_000);
    expect(queue.enqueue(call('A001', 1, { calledAt: T0 }), 'live')).toBe('queued');
    // And a clock that runs a day behind the server.
    vi.setSystemTime(T0 - 86_400_000);
    expect(queue.enqueue(call('A002', 1, { calledAt: T0 - 120_000 }), 'live')).toBe('queued');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.text)).toEqual([
      'Ticket A 0 0 1, please go to counter 1',
      'Ticket A 0 0 2, please go to counter 1',
    ]);
  });

  it('repeats the whole bilingual call as configured', async () => {
    const { queue, fake, chimes } = makeQueue({ repeat: () => 2 });
    queue.enqueue(call('A012', 3), 'live');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.lang)).toEqual(['zh-CN', 'en-US', 'zh-CN', 'en-US']);
    expect(chimes).toHaveLength(1);
  });

  it('skips a language with no voice but still chimes (screen and chime only)', async () => {
    const { queue, fake, chimes } = makeQueue({ voices: ['en-US'] });
    queue.enqueue(call('A012', 3), 'live');
    await vi.runAllTimersAsync();
    expect(fake.spoken.map((s) => s.u.lang)).toEqual(['en-US']);
    expect(chimes).toHaveLength(1);
  });

  it('says nothing when voice is disabled, and keeps a bounded backlog under a flood of calls', async () => {
    const off = makeQueue({ enabled: () => false });
    expect(off.queue.enqueue(call('A001', 1), 'live')).toBe('disabled');
    await vi.runAllTimersAsync();
    expect(off.fake.spoken).toHaveLength(0);
    expect(off.chimes).toHaveLength(0);

    const { queue, fake } = makeQueue({ locales: ['en'], maxPending: 5 });
    for (let i = 0; i < 1000; i++) queue.enqueue(call(`A${String(i).padStart(3, '0')}`, 1), 'live');
    expect(queue.size).toBeLessThanOrEqual(5);
    await vi.runAllTimersAsync();
    // The first (already speaking) plus the five newest.
    expect(fake.spoken.map((s) => s.u.text.slice(7, 14))).toEqual([
      'A 0 0 0',
      'A 9 9 5',
      'A 9 9 6',
      'A 9 9 7',
      'A 9 9 8',
      'A 9 9 9',
    ]);
    expect(queue.dropped).toBe(994);
  });

  it('keeps going when a speaker or the chime fails', async () => {
    const spoken: string[] = [];
    const queue = new AnnouncementQueue({
      speaker: () => ({
        canSpeak: () => true,
        speak: async (u) => {
          spoken.push(u.text);
          if (spoken.length === 1) throw new Error('synthesis-failed');
        },
      }),
      chime: { play: () => Promise.reject(new Error('no audio')) },
      locales: () => ['en'],
      repeat: () => 1,
      enabled: () => true,
    });
    queue.enqueue(call('A001', 1), 'live');
    queue.enqueue(call('A002', 1), 'live');
    await vi.runAllTimersAsync();
    expect(spoken).toHaveLength(2);
  });
});
