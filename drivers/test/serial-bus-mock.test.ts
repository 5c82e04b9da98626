import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterDisplay } from '../src/display/counter-display.js';
import {
  decodeQlpFrame,
  decodeQlpText,
  encodeQlpFrame,
  QlpCommand,
  QlpFrameParser,
} from '../src/display/protocols/qlp1.js';
import { type BusStatus, SerialBus } from '../src/display/serial-bus.js';
import { waitFor } from './fixtures.js';

const PATH = '/dev/LED-MOCK';
// serialport loads binding-mock through CommonJS; importing '@serialport/binding-mock' from ESM
// gives a second copy with its own port table, so use the instance SerialPortMock carries.
const MockBinding = SerialPortMock.binding;
type MockPortBinding = NonNullable<SerialPortMock['port']>;

/** A scripted QLP/1 device behind the mock port: `answer` decides per frame whether it replies. */
function setupBus(
  answer: (frame: { address: number; seq: number; command: number }, n: number) => boolean | number,
  pingIntervalMs = 150,
  replyTimeoutMs = 80,
) {
  const logs: string[] = [];
  const logger = {
    info: (_o: object, msg: string) => logs.push(`info ${msg}`),
    warn: (_o: object, msg: string) => logs.push(`warn ${msg}`),
  };
  MockBinding.createPort(PATH, { echo: false, record: true });
  const frames: { address: number; seq: number; command: number; text: string; at: number }[] = [];
  // The first PING to each address opens the host's session (QLP/1 repeat rule); it is kept
  // apart and always answered so the tests below see only the frames they are about.
  const sessionPings: { address: number; seq: number }[] = [];
  let port: SerialPortMock | null = null;
  const parser = new QlpFrameParser();
  const bus = new SerialBus({
    path: PATH,
    protocol: 'qlp1',
    replyTimeoutMs,
    interFrameMs: 1,
    pingIntervalMs,
    minBackoffMs: 20,
    maxBackoffMs: 50,
    logger,
    portFactory: ({ path, baudRate }) => {
      port = new SerialPortMock({ path, baudRate, autoOpen: false });
      port.on('open', () => {
        const binding = port!.port as MockPortBinding;
        const write = binding.write.bind(binding);
        binding.write = async (buf: Buffer) => {
          await write(buf);
          for (const raw of parser.push(buf)) {
            const f = decodeQlpFrame(raw)!;
            const reply = encodeQlpFrame({ ...f, command: f.command | 0x80, payload: Buffer.from([0]) });
            if (f.command === QlpCommand.PING && !sessionPings.some((p) => p.address === f.address)) {
              sessionPings.push({ address: f.address, seq: f.seq });
              setTimeout(() => binding.isOpen && binding.emitData(reply), 0);
              continue;
            }
            frames.push({
              ...f,
              at: Date.now(),
              text: f.command === QlpCommand.SHOW ? decodeQlpText(f.payload.subarray(2)) : '',
            });
            const decision = answer(f, frames.length);
            if (decision === false) continue;
            const delay = typeof decision === 'number' ? decision : 0;
            setTimeout(() => binding.isOpen && binding.emitData(reply), delay);
          }
        };
      });
      return port;
    },
  });
  const statuses: BusStatus[] = [];
  bus.on('status', (s: BusStatus) => statuses.push(s));
  return { bus, frames, statuses, sessionPings, logs, port: () => port! };
}

let current: SerialBus | null = null;
afterEach(async () => {
  await current?.stop();
  current = null;
  MockBinding.reset();
});

describe('SerialBus on MockBinding', () => {
  it('retries an unanswered frame with the same SEQ and succeeds on the third attempt', async () => {
    const { bus, frames } = setupBus((_f, n) => n >= 3, 10_000);
    current = bus;
    await bus.start();
    new CounterDisplay(bus, 4).showText('A012');
    await bus.whenIdle();
    expect(frames.map((f) => [f.address, f.seq, f.text])).toEqual([
      [4, 1, 'A012'], // SEQ 0 went to the session PING
      [4, 1, 'A012'],
      [4, 1, 'A012'],
    ]);
    expect(bus.link(4)).toBe('online');
  });

  it('marks a silent display offline after 3 timeouts, pings it, and replays its state when it answers', async () => {
    let alive = false;
    const { bus, frames, statuses, logs } = setupBus(() => alive);
    current = bus;
    await bus.start();
    const display = new CounterDisplay(bus, 7);
    const started = Date.now();
    display.showText('B123');
    await bus.whenIdle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 80 - 5);
    expect(frames.filter((f) => f.command === QlpCommand.SHOW)).toHaveLength(3);
    expect(display.link).toBe('offline');
    expect(statuses.at(-1)?.displays).toEqual([{ address: 7, link: 'offline' }]);

    // A ping period passes: pings only, no SHOW while offline.
    const offlineFrom = frames.length;
    await waitFor(() => frames.slice(offlineFrom).some((f) => f.command === QlpCommand.PING), 5000, 'a ping');
    expect(frames.filter((f) => f.command === QlpCommand.SHOW)).toHaveLength(3);

    alive = true;
    await waitFor(() => display.link === 'online');
    await waitFor(() => frames.filter((f) => f.command === QlpCommand.SHOW).length === 4);
    expect(frames.at(-1)).toMatchObject({ address: 7, command: QlpCommand.SHOW, text: 'B123' });
    // One line per transition, not one per failed ping.
    expect(logs).toEqual([
      'info LED display online',
      'warn LED display offline: no answer after every attempt',
      'info LED display back online',
    ]);
  });

  it('opens each address with a PING, then counts SEQ per address so no two frames in a row share one', async () => {
    const { bus, frames, sessionPings } = setupBus(() => true, 10_000);
    current = bus;
    await bus.start();
    const a = new CounterDisplay(bus, 1);
    const b = new CounterDisplay(bus, 2);
    for (const text of ['A001', 'A002', 'A003']) {
      a.showText(text);
      b.showText(text);
      await bus.whenIdle();
    }
    expect(sessionPings).toEqual([
      { address: 1, seq: 0 },
      { address: 2, seq: 0 },
    ]);
    expect(frames.filter((f) => f.address === 1).map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(frames.filter((f) => f.address === 2).map((f) => f.seq)).toEqual([1, 2, 3]);
  });

  it('coalesces updates: a burst sends only the last text, and updates during an exchange send only the newest', async () => {
    const { bus, frames } = setupBus(() => 20, 10_000, 150); // the device answers in 20 ms, well inside the timeout
    current = bus;
    await bus.start();
    const display = new CounterDisplay(bus, 2);
    display.showText('A001');
    display.showText('A002');
    display.showText('A003');
    await waitFor(() => frames.length === 1);
    display.showText('A004'); // while A003 waits for its ACK
    display.showText('A005');
    display.showText('A006');
    await bus.whenIdle();
    expect(frames.map((f) => f.text)).toEqual(['A003', 'A006']);
  });

  it('serialises exchanges across displays: one frame on the wire until its reply or timeout', async () => {
    const { bus, frames } = setupBus(() => 20, 10_000, 150);
    current = bus;
    await bus.start();
    for (const addr of [1, 2, 3]) new CounterDisplay(bus, addr).showText(`C00${addr}`);
    await bus.whenIdle();
    expect(frames.map((f) => f.address)).toEqual([1, 2, 3]);
    // The device answers 20 ms after each frame; the next frame may only follow the answer.
    expect(frames[1]!.at - frames[0]!.at).toBeGreaterThanOrEqual(18);
    expect(frames[2]!.at - frames[1]!.at).toBeGreaterThanOrEqual(18);
  });

  it('sends brightness and BLINK after the text, and a new SHOW cancels a pending BLINK', async () => {
    const { bus, frames } = setupBus(() => true, 10_000);
    current = bus;
    await bus.start();
    const display = new CounterDisplay(bus, 8);
    display.showText('A001');
    display.setBrightness(4);
    display.blink(true);
    await bus.whenIdle();
    expect(frames.map((f) => f.command)).toEqual([QlpCommand.SHOW, QlpCommand.BRIGHTNESS, QlpCommand.BLINK]);
    display.blink(false);
    display.showText('A002'); // supersedes the blink change queued just before
    await bus.whenIdle();
    expect(frames.slice(3).map((f) => [f.command, f.text])).toEqual([[QlpCommand.SHOW, 'A002']]);
  });

  it('reopens the port after an unplug and replays every display', async () => {
    const { bus, frames, statuses, port, logs } = setupBus(() => true, 10_000);
    current = bus;
    await bus.start();
    new CounterDisplay(bus, 1).showText('A001');
    new CounterDisplay(bus, 2).showCalled('B002', 2);
    await bus.whenIdle();
    expect(frames).toHaveLength(2);

    const binding = port().port as MockPortBinding;
    binding.read = async () => {
      throw Object.assign(new Error('EIO'), { code: 'EIO' });
    };
    binding.emitData(Buffer.from([0]));
    await waitFor(() => statuses.some((s) => !s.connected));
    await waitFor(() => statuses.at(-1)?.connected === true);
    await waitFor(() => frames.length === 4);
    await bus.whenIdle();
    expect(frames.slice(2).map((f) => [f.address, f.text])).toEqual([
      [1, 'A001'],
      [2, 'B002'],
    ]);
    expect(logs.filter((l) => l.includes('port'))).toEqual([
      'warn LED bus port lost; reopening',
      'info LED bus port reopened',
    ]);
  });
});
