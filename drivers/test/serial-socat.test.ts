import { afterEach, describe, expect, it } from 'vitest';
import {
  type BusStatus,
  CounterDisplay,
  DisplaySimulator,
  type DisplaySimulatorOptions,
  type ProtocolId,
  SerialBus,
  type SerialBusOptions,
} from '../src/index.js';
import { suiteDir, waitFor } from './fixtures.js';
import { type SocatPair, socatSkipReason, startSocatPair } from './socat.js';

const skipReason = socatSkipReason();
if (skipReason) console.warn(`[serial-socat] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('displays over a real pty pair (socat)', () => {
  const tmp = suiteDir('guichet-socat-');
  const a = tmp.at('ttyHost');
  const b = tmp.at('ttyDisplay');
  let pair: SocatPair | null = null;
  let bus: SerialBus | null = null;
  let sim: DisplaySimulator | null = null;

  afterEach(async () => {
    await bus?.stop();
    await sim?.stop();
    await pair?.stop();
    bus = sim = pair = null;
  });

  async function setup(
    protocol: ProtocolId,
    simOptions: Partial<DisplaySimulatorOptions> = {},
    busOptions: Partial<SerialBusOptions> = {},
  ) {
    pair = await startSocatPair(a, b);
    sim = new DisplaySimulator({ path: b, protocol, ...simOptions });
    await sim.start();
    bus = new SerialBus({
      // If the host reopens before the display side has, its replay is lost and the display
      // goes offline; a short ping period brings it back well inside the waits below.
      pingIntervalMs: 300,
      ...busOptions,
      path: a,
      protocol,
      minBackoffMs: 100,
      maxBackoffMs: 400,
      interFrameMs: 5,
      // ptys under a loaded CI runner can be slower than a real 9600 baud line.
      replyTimeoutMs: 500,
    });
    const statuses: BusStatus[] = [];
    bus.on('status', (s: BusStatus) => statuses.push(s));
    await bus.start();
    return { sim, bus, statuses };
  }

  it('shows a called ticket blinking on a QLP/1 display, then steady', async () => {
    const { sim, bus } = await setup('qlp1');
    const display = new CounterDisplay(bus, 3, { calledBlinkSeconds: 1 });
    display.showCalled('A012', 3);
    await waitFor(() => sim.current.get(3)?.text === 'A012', 10_000, 'display shows A012');
    expect(sim.current.get(3)).toEqual({ text: 'A012', blinking: true, brightness: 15, scrolling: false });
    await waitFor(() => display.link === 'online', 10_000, 'ACK received'); // the ACK follows the update
    await waitFor(() => sim.current.get(3)?.blinking === false, 2500, 'blinking stops');
  });

  it('comes back after an unplug with the latest state replayed', async () => {
    const { sim, bus, statuses } = await setup('qlp1');
    const display = new CounterDisplay(bus, 5, { calledBlinkSeconds: 30 });
    const neighbour = new CounterDisplay(bus, 6);
    display.showCalled('A012', 5);
    neighbour.showPaused();
    await waitFor(() => sim.current.get(6)?.text === 'PAUSE', 10_000, 'first state shown');
    await waitFor(() => display.link === 'online' && neighbour.link === 'online', 10_000, 'both ACKed');

    await pair!.stop(); // unplug: both pty ends vanish
    await waitFor(() => statuses.at(-1)?.connected === false, 10_000, 'bus reports disconnected');
    sim.current.clear(); // the display rebooted and lost its content
    display.showCalled('A013', 5); // the clerk calls the next ticket while the cable is out

    pair = await startSocatPair(a, b);
    await waitFor(() => sim.current.get(5)?.text === 'A013', 5000, 'replayed state after replug');
    expect(statuses.at(-1)?.connected).toBe(true);
    expect(sim.current.get(5)?.blinking).toBe(true); // still inside its 30 s blink window
    // The neighbour's state did not change while unplugged: it is shown again only by the replay.
    await waitFor(() => sim.current.get(6)?.text === 'PAUSE', 10_000, 'unchanged neighbour replayed');
    expect(sim.received.filter((f) => f.includes(Buffer.from('A012'))).length).toBe(1);
  });

  it('drives a Modbus LED-485 digit display', async () => {
    const { sim, bus } = await setup('modbus-led485');
    new CounterDisplay(bus, 9).showCalled('A012', 1);
    await waitFor(() => sim.current.get(9)?.text === 'A012', 10_000, 'segments decode to A012');
    await waitFor(() => bus.link(9) === 'online', 10_000, 'ACK received');
  });

  it('drives a QSystem board that never answers (no blink byte: QSystem boards do not blink)', async () => {
    const { sim, bus } = await setup('qsystem');
    new CounterDisplay(bus, 2, { calledBlinkSeconds: 5 }).showCalled('B7', 1);
    await waitFor(() => sim.current.get(2)?.text === 'B7', 10_000, 'QSystem board shows B7');
    expect(sim.received.at(-1)).toEqual(Buffer.from([1, 2, 0x20, 0x42, 0x37, 0x20, 0x20, 7]));
    expect(bus.link(2)).toBe('unknown');
  });

  it('a write-only Modbus module: FC03 pings mark it offline, write liveness keeps it online', async () => {
    const readPing = await setup(
      'modbus-led485',
      { modbusReads: 'ignore', width: 6 },
      {
        protocolOptions: { width: 6 },
        pingIntervalMs: 200,
      },
    );
    new CounterDisplay(readPing.bus, 4).showText('A1000');
    await waitFor(() => readPing.sim.current.get(4)?.text === 'A1000', 10_000, 'shown');
    await waitFor(() => readPing.bus.link(4) === 'offline', 5000, 'FC03 unanswered → offline');
    await readPing.bus.stop();
    await readPing.sim.stop();
    await pair!.stop();

    const writePing = await setup(
      'modbus-led485',
      { modbusReads: 'ignore', width: 6 },
      {
        protocolOptions: { width: 6, liveness: 'write' },
        pingIntervalMs: 200,
      },
    );
    const links: string[] = [];
    writePing.bus.on('link', (c: { link: string }) => links.push(c.link));
    new CounterDisplay(writePing.bus, 4).showText('A1000');
    await waitFor(() => writePing.sim.current.get(4)?.text === 'A1000', 10_000, 'shown');
    const writes = () => writePing.sim.received.filter((f) => f[1] === 0x10).length;
    await waitFor(() => writes() >= 3, 5000, 'heartbeat writes'); // the show, then pings repeating it
    expect(writePing.sim.received.some((f) => f[1] === 0x03)).toBe(false);
    expect(writePing.bus.link(4)).toBe('online');
    expect(links).toEqual(['online']);
    expect(writePing.sim.current.get(4)?.text).toBe('A1000');
  });
});
