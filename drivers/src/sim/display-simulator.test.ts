import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { appendCrc } from '../display/crc16.js';
import { createQlp1Protocol, decodeQlpFrame, QlpFrameParser } from '../display/protocols/qlp1.js';
import { DisplaySimulator } from './display-simulator.js';

const MockBinding = SerialPortMock.binding;
const qlp = createQlp1Protocol();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => MockBinding.reset());

/** A raw QLP/1 frame, built by hand from the spec (docs/qlp1.md §2). */
function frame(address: number, seq: number, cmd: number, payload: number[] | Buffer): Buffer {
  const body = Buffer.from([address, seq, cmd, payload.length, ...payload]);
  return Buffer.concat([Buffer.from([0x02]), appendCrc(body)]);
}

async function setup(options: { width?: number; setupWindow?: boolean } = {}) {
  MockBinding.createPort('/dev/SIM', { echo: false, record: true });
  let port: SerialPortMock | null = null;
  const sim = new DisplaySimulator({
    path: '/dev/SIM',
    protocol: 'qlp1',
    addresses: [3],
    ...options,
    portFactory: (o) => {
      port = new SerialPortMock({ ...o, autoOpen: false });
      return port;
    },
  });
  const changes: string[] = [];
  sim.on('changed', (address: number, s: { text: string }) => changes.push(`${address}:${s.text}`));
  await sim.start();
  const send = async (...frames: Buffer[]) => {
    for (const f of frames) {
      port!.port!.emitData(f);
      await sleep(15);
    }
  };
  const replies = () => new QlpFrameParser().push(port!.port!.recording).map((f) => decodeQlpFrame(f)!);
  return { sim, changes, send, replies };
}

describe('DisplaySimulator (QLP/1 firmware written from docs/qlp1.md)', () => {
  it('applies a retry (same SEQ+CMD as the last frame) once but answers both', async () => {
    const { sim, changes, send, replies } = await setup();
    const show = qlp.encode({ kind: 'show', text: 'A012' }, 3, 42)[0]!;
    await send(show, show);
    expect(changes).toEqual(['3:A012']);
    expect(replies().map((r) => [r.address, r.seq, r.command, r.payload[0]])).toEqual([
      [3, 42, 0x81, 0],
      [3, 42, 0x81, 0],
    ]);
    await sim.stop();
  });

  it('keeps the text of a second host run that reuses SEQ 0 only because a PING came between', async () => {
    const { sim, changes, send } = await setup();
    await send(qlp.encode({ kind: 'show', text: 'A012' }, 3, 0)[0]!);
    await send(qlp.encode({ kind: 'show', text: 'B034' }, 3, 0)[0]!); // old hosts did this: swallowed
    expect(changes).toEqual(['3:A012']);
    await send(qlp.encode({ kind: 'ping' }, 3, 0)[0]!, qlp.encode({ kind: 'show', text: 'B034' }, 3, 1)[0]!);
    expect(changes).toEqual(['3:A012', '3:B034']);
    await sim.stop();
  });

  it('ignores frames for other addresses, bad CRCs and frames with CMD bit 7 (echoed replies)', async () => {
    const { sim, changes, send, replies } = await setup();
    const corrupt = Buffer.from(qlp.encode({ kind: 'show', text: 'Y' }, 3, 2)[0]!);
    corrupt.writeUInt8((corrupt.at(-1) ?? 0) ^ 0xff, corrupt.length - 1);
    await send(qlp.encode({ kind: 'show', text: 'X' }, 4, 1)[0]!, corrupt, frame(3, 5, 0x81, [0, 0, 0x41]));
    expect(changes).toEqual([]);
    expect(replies()).toEqual([]);
    await sim.stop();
  });

  it('status 1 for an unknown command, 2 for a bad level and for text over 48 bytes', async () => {
    const { sim, send, replies, changes } = await setup();
    await send(
      frame(3, 5, 0x33, []),
      frame(3, 6, 0x03, [99]),
      frame(3, 7, 0x01, [0, 0, ...Buffer.from('9'.repeat(49))]),
    );
    expect(replies().map((r) => r.payload[0])).toEqual([1, 2, 2]);
    expect(changes).toEqual([]); // the refused text changed nothing
    await sim.stop();
  });

  it('scrolls text wider than the panel instead of cutting it', async () => {
    const { sim, send } = await setup({ width: 4 });
    await send(qlp.encode({ kind: 'show', text: 'A1000' }, 3, 1)[0]!);
    expect(sim.current.get(3)).toMatchObject({ text: 'A1000', scrolling: true });
    await send(qlp.encode({ kind: 'show', text: 'A100' }, 3, 2)[0]!);
    expect(sim.current.get(3)).toMatchObject({ text: 'A100', scrolling: false });
    await sim.stop();
  });

  it('SHOW_FIELDS fills fields in order; a malformed list is refused', async () => {
    const { sim, send, replies } = await setup();
    await send(frame(3, 1, 0x06, [2, 4, ...Buffer.from('A012'), 2, ...Buffer.from('03')]));
    await send(frame(3, 2, 0x06, [2, 4, ...Buffer.from('A012')]));
    expect(sim.current.get(3)?.fields).toEqual(['A012', '03']);
    expect(replies().map((r) => r.payload[0])).toEqual([0, 2]);
    await sim.stop();
  });

  it('SET_ADDR answers from the old address with the new one, only inside the setup window', async () => {
    const { sim, send, replies } = await setup();
    await send(frame(3, 1, 0x7e, [9]));
    sim.setSetupWindow(true);
    await send(frame(3, 2, 0x7e, [9]), frame(9, 0, 0x05, []), frame(3, 3, 0x05, []));
    expect(replies().map((r) => [r.address, r.payload[0], r.payload[1]])).toEqual([
      [3, 4, undefined], // not allowed outside the window
      [3, 0, 9], // old address answers, data = new address
      [9, 0, 1], // now it answers on 9 (PING: fw 1.x) ...
    ]); // ... and no longer on 3
    await sim.stop();
  });
});
