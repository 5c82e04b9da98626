import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeQlpFrame, QlpCommand, QlpFrameParser } from '../src/display/protocols/qlp1.js';
import { CounterDisplay, DisplaySimulator, SerialBus } from '../src/index.js';
import { suiteDir, waitFor } from './fixtures.js';
import { type SocatPair, socatSkipReason, startSocatPair } from './socat.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

const skipReason = socatSkipReason();
if (skipReason) console.warn(`[qlp1-seq-socat] skipped: ${skipReason}`);

/**
 * The display on the far end applies the spec's repeat rule (same SEQ+CMD as the last frame →
 * not applied). Hosts that restarted at SEQ 0 lost every text after the first run.
 */
describe.skipIf(skipReason !== null)('QLP/1 SEQ across host runs (socat, spec display)', () => {
  const tmp = suiteDir('guichet-seq-');
  const a = tmp.at('ttyHost');
  const b = tmp.at('ttyDisplay');
  let pair: SocatPair | null = null;
  let sim: DisplaySimulator | null = null;

  afterEach(async () => {
    await sim?.stop();
    await pair?.stop();
    sim = pair = null;
  });

  /** socat ends when the host side closes, so each host run gets a fresh pair (same paths). */
  async function replug(): Promise<void> {
    await pair?.stop();
    pair = await startSocatPair(a, b);
    await waitFor(() => sim?.connected === true, 5000, 'display reopened its port');
  }

  /** Host frames, with retries (same SEQ+CMD again, e.g. on a loaded machine) folded into one. */
  const framesSeen = () =>
    new QlpFrameParser()
      .push(Buffer.concat(sim!.received))
      .map((f) => decodeQlpFrame(f)!)
      .filter((f) => (f.command & 0x80) === 0)
      .filter((f, i, all) => !(all[i - 1]?.seq === f.seq && all[i - 1]?.command === f.command));

  it('three CLI runs: each text is shown, and SEQ continues with --seq-file', {
    timeout: 90_000,
  }, async () => {
    pair = await startSocatPair(a, b);
    sim = new DisplaySimulator({ path: b, protocol: 'qlp1' });
    await sim.start();
    const seqFile = tmp.at('seq.json');
    for (const [i, text] of ['A012', 'B034', '窗口3'].entries()) {
      if (i > 0) await replug();
      const { stdout } = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          'drivers/bin/guichet-device.ts',
          'show',
          '--serial',
          a,
          '--address',
          '3',
          '--text',
          text,
          '--seq-file',
          seqFile,
          '--reply-timeout', // ptys on a busy machine answer slower than a 9600 baud line
          '1000',
        ],
        { cwd: root, timeout: 20_000 },
      );
      expect(stdout).toContain('display 3: online');
      await waitFor(() => sim!.current.get(3)?.text === text, 10_000, `display shows ${text}`);
    }
    const frames = framesSeen();
    expect(frames.map((f) => [f.command, f.seq])).toEqual([
      [QlpCommand.PING, 0],
      [QlpCommand.SHOW, 1],
      [QlpCommand.PING, 2],
      [QlpCommand.SHOW, 3],
      [QlpCommand.PING, 4],
      [QlpCommand.SHOW, 5],
    ]);
  });

  it('a server restart without a SEQ file: the session PING keeps the next text from being swallowed', async () => {
    pair = await startSocatPair(a, b);
    sim = new DisplaySimulator({ path: b, protocol: 'qlp1' });
    await sim.start();
    for (const [i, text] of ['A012', 'B034'].entries()) {
      if (i > 0) await replug();
      const bus = new SerialBus({ path: a, protocol: 'qlp1', replyTimeoutMs: 500, minBackoffMs: 100 });
      await bus.start();
      new CounterDisplay(bus, 5).showText(text);
      await bus.whenIdle();
      expect(bus.link(5)).toBe('online');
      await bus.stop();
      await waitFor(() => sim!.current.get(5)?.text === text, 10_000, `display shows ${text}`);
    }
    // Both runs used SEQ 1 for their SHOW; the PING in between made the second one new.
    expect(framesSeen().map((f) => [f.command, f.seq])).toEqual([
      [QlpCommand.PING, 0],
      [QlpCommand.SHOW, 1],
      [QlpCommand.PING, 0],
      [QlpCommand.SHOW, 1],
    ]);
  });
});
