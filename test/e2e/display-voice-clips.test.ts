/**
 * The board speaks with no speech voice in the browser (Debian's Chromium has none): in
 * Chromium against the fake hall, the board's audio output is captured — every buffer source
 * and oscillator it starts, on the AudioContext's own clock, and an analyser tapped onto the
 * destination — and the clip sequence for "A012 → 3号窗口" is checked in both languages, clip by
 * clip, identified by their samples against the built voice/manifest.json. The gap between the
 * call and the start of speech is measured (test/artifacts/display-voice-clips.json).
 * Without clips, the board warns on screen and reports "unavailable" to the server.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeCall, fakeSnapshot, fakeTicket } from '../../display-ui/src/testing/fake-hall.js';
import { artifactPath, chromiumMissing, suiteChromium } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { type FakeHall, startFakeHall } from './display-fake-hall.js';

const skip = skipReason(chromiumMissing, 'display voice clips');

/** Written out here, independently of display-ui/src/voice/clips.ts. */
const EXPECTED = {
  'zh-CN': ['please', 'A', '0', '1', '2', 'hao', 'to', '3', 'counter', 'handle'],
  en: ['ticket', 'A', '0', '1', '2', 'please-go-to-counter', '3'],
};

interface Started {
  kind: 'buffer' | 'osc';
  /** Epoch ms at which the sound starts, from the audio clock. */
  at: number;
  duration: number;
  fingerprint: string | null;
}

declare global {
  interface Window {
    __audioTap: { started: Started[]; loud: number[] };
  }
}

/** Records what the page plays; runs before any of the board's scripts. */
function tapAudio() {
  const tap = { started: [] as Started[], loud: [] as number[] };
  window.__audioTap = tap;
  const epochOf = (ctx: BaseAudioContext, when: number) =>
    performance.timeOrigin + performance.now() + (Math.max(when, ctx.currentTime) - ctx.currentTime) * 1000;
  const print = (b: AudioBuffer) => {
    const d = b.getChannelData(0);
    let sum = 0;
    for (let i = 0; i < Math.min(d.length, 4000); i++) sum += Math.abs(d[i] ?? 0);
    return `${d.length}:${sum.toFixed(3)}`;
  };
  const bufferStart = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (
    this: AudioBufferSourceNode,
    when = 0,
    ...rest: number[]
  ) {
    const b = this.buffer;
    tap.started.push({
      kind: 'buffer',
      at: epochOf(this.context, when),
      duration: b?.duration ?? 0,
      fingerprint: b ? print(b) : null,
    });
    return bufferStart.call(this, when, ...rest);
  };
  const oscStart = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when = 0) {
    tap.started.push({ kind: 'osc', at: epochOf(this.context, when), duration: 0, fingerprint: null });
    return oscStart.call(this, when);
  };
  // The destination tap: whatever reaches the speakers also reaches an analyser we sample.
  const analysers = new WeakMap<BaseAudioContext, AnalyserNode>();
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...a: unknown[]) => unknown;
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    const target = args[0];
    if (target instanceof AudioDestinationNode && !(this instanceof AnalyserNode)) {
      let a = analysers.get(this.context);
      if (!a) {
        const analyser = this.context.createAnalyser();
        a = analyser;
        analysers.set(this.context, analyser);
        const data = new Float32Array(analyser.fftSize);
        setInterval(() => {
          analyser.getFloatTimeDomainData(data);
          let peak = 0;
          for (const v of data) peak = Math.max(peak, Math.abs(v));
          if (peak > 0.01) tap.loud.push(performance.timeOrigin + performance.now());
          if (tap.loud.length > 5000) tap.loud.splice(0, 1000);
        }, 10);
      }
      connect.call(this, a);
    }
    return connect.apply(this, args);
  } as typeof AudioNode.prototype.connect;
}

/** Fingerprint → clip id per locale, decoded in the page at the board's sample rate. */
async function clipFingerprints(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(async () => {
    const manifest = await (await fetch('/display/voice/manifest.json')).json();
    const rate = new AudioContext().sampleRate;
    const out: Record<string, Record<string, string>> = {};
    for (const [locale, clips] of Object.entries(
      manifest.locales as Record<string, Record<string, string>>,
    )) {
      out[locale] = {};
      for (const [id, file] of Object.entries(clips)) {
        const ctx = new OfflineAudioContext(1, 1, rate);
        const b = await ctx.decodeAudioData(await (await fetch(`/display/voice/${file}`)).arrayBuffer());
        const d = b.getChannelData(0);
        let sum = 0;
        for (let i = 0; i < Math.min(d.length, 4000); i++) sum += Math.abs(d[i] ?? 0);
        out[locale][`${d.length}:${sum.toFixed(3)}`] = id;
      }
    }
    return out;
  });
}

describe.skipIf(skip)('the board speaks from its prompt clips', () => {
  const browser = suiteChromium('display');
  let hall: FakeHall;
  afterAll(async () => {
    await hall?.close();
  });

  it('says "A012 → 3" clip by clip in Chinese then English, chime first, with no OS voice', async () => {
    hall = await startFakeHall(fakeSnapshot(), { board: { config: { layout: 'board' } } });
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(tapAudio);
    await page.goto(`${hall.url}/display/?device=board`);
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => speechSynthesis.getVoices().length), 'no browser voice at all').toBe(0);
    // The board reports it can speak once its clips are loaded.
    await expect
      .poll(() => (hall.statuses.get('board') as { voice?: string })?.voice, { timeout: 15_000 })
      .toBe('ok');
    expect(await page.getByTestId('voice-unavailable').count()).toBe(0);

    const call = fakeCall('A012', 3, { calledAt: Date.now() });
    const calledAt = Date.now();
    hall.push({ call, tickets: [fakeTicket(call)] });
    await page.waitForFunction(
      () => window.__guichetSpeech?.log.filter((e) => e.end !== null).length === 2,
      null,
      {
        timeout: 30_000,
      },
    );
    const tap = await page.evaluate(() => window.__audioTap);
    const prints = await clipFingerprints(page);
    const chime = tap.started.filter((s) => s.kind === 'osc');
    const clips = tap.started.filter((s) => s.kind === 'buffer');
    expect(chime).toHaveLength(2);
    expect(clips).toHaveLength(EXPECTED['zh-CN'].length + EXPECTED.en.length);
    const zh = clips.slice(0, EXPECTED['zh-CN'].length);
    const en = clips.slice(EXPECTED['zh-CN'].length);
    expect(zh.map((c) => prints['zh-CN']?.[c.fingerprint ?? ''])).toEqual(EXPECTED['zh-CN']);
    expect(en.map((c) => prints.en?.[c.fingerprint ?? ''])).toEqual(EXPECTED.en);
    // Chime first; then each clip after the previous one ended, never overlapping, no long gap.
    expect(clips[0]!.at).toBeGreaterThan(Math.max(...chime.map((c) => c.at)) + 800);
    const gaps: number[] = [];
    for (let i = 1; i < clips.length; i++) {
      const prev = clips[i - 1]!;
      const gap = clips[i]!.at - (prev.at + prev.duration * 1000);
      gaps.push(Math.round(gap));
      expect(gap, `clip ${i} starts after clip ${i - 1} ends`).toBeGreaterThanOrEqual(-2);
    }
    const within = (list: Started[]) => gaps.slice(0, list.length - 1);
    expect(Math.max(...within(zh)), 'clips of one sentence follow closely').toBeLessThan(150);
    expect(gaps[zh.length - 1], 'a pause between the two sentences').toBeGreaterThan(250);
    const seconds = (list: Started[]) => {
      const last = list[list.length - 1]!;
      return (last.at + last.duration * 1000 - list[0]!.at) / 1000;
    };
    const zhSeconds = seconds(zh);
    const enSeconds = seconds(en);
    expect(zhSeconds).toBeGreaterThan(2);
    expect(zhSeconds).toBeLessThan(9);
    expect(enSeconds).toBeGreaterThan(2);
    expect(enSeconds).toBeLessThan(9);
    // The destination tap heard sound while the speech played.
    const speechStart = clips[0]!.at;
    const speechEnd = speechStart + (zhSeconds + enSeconds) * 1000 + 1500;
    expect(
      tap.loud.some((t) => t >= speechStart && t <= speechEnd),
      'sound reached the destination',
    ).toBe(true);
    const measured = {
      callToChimeMs: Math.round(Math.min(...chime.map((c) => c.at)) - calledAt),
      callToSpeechMs: Math.round(speechStart - calledAt),
      firstSoundHeardAfterCallMs: Math.round((tap.loud.find((t) => t >= calledAt) ?? Number.NaN) - calledAt),
      zhSeconds: Number(zhSeconds.toFixed(2)),
      enSeconds: Number(enSeconds.toFixed(2)),
      gapsMs: gaps,
    };
    writeFileSync(artifactPath('display-voice-clips.json'), `${JSON.stringify(measured, null, 2)}\n`);
    process.stdout.write(`voice: ${JSON.stringify(measured)}\n`);
    expect(measured.callToChimeMs, 'the chime starts within half a second of the call').toBeLessThan(500);
    expect(measured.callToSpeechMs, 'speech follows the chime').toBeLessThan(2500);
    await page.close();
    await hall.close();
  }, 90_000);

  it('without voice clips and without a browser voice, warns on screen and tells the server', async () => {
    hall = await startFakeHall(
      fakeSnapshot(),
      { board: { config: { voice: { engine: 'browser' } } } },
      {
        noVoice: true,
      },
    );
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hall.url}/display/?device=board`);
    const badge = page.getByTestId('voice-unavailable');
    await badge.waitFor({ timeout: 15_000 });
    // Both languages once the branch's locales have come with the snapshot.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=voice-unavailable]')?.textContent ===
        '无法语音播报Voice unavailable',
      null,
      { timeout: 15_000 },
    );
    expect(await badge.textContent()).toBe('无法语音播报Voice unavailable');
    await expect
      .poll(() => hall.statuses.get('board') as { voice?: string; reason?: string } | undefined, {
        timeout: 10_000,
      })
      .toMatchObject({ voice: 'unavailable', reason: expect.stringContaining('no voice for zh-CN, en') });
    await page.screenshot({ path: artifactPath('display-voice-unavailable-1920x1080.png') });
    await page.close();
    await hall.close();
  }, 60_000);
});
