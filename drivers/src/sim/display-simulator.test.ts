import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { createQlp1Protocol, decodeQlpFrame, QlpFrameParser } from '../display/protocols/qlp1.js';
import { DisplaySimulator } from './display-simulator.js';

const MockBinding = SerialPortMock.binding;
const qlp = createQlp1Protocol();

afterEach(() => MockBinding.reset());

async function setup() {
  MockBinding.createPort('/dev/SIM', { echo: false, record: true });
  let port: SerialPortMock | null = null;
  const sim = new DisplaySimulator({
    path: '/dev/SIM',
    protocol: 'qlp1',
    addresses: [3],
    portFactory: (o) => {
      port = new SerialPortMock({ ...o, autoOpen: false });
      return port;
    },
  });
  const changes: string[] = [];
  sim.on('changed', (address: number, s: { text: string }) => changes.push(`${address}:${s.text}`));
  await sim.start();
  const binding = () => port!.port!;
  const replies = () => new QlpFrameParser().push(binding().recording).map((f) => decodeQlpFrame(f)!);
  return { sim, changes, binding, replies };
}

describe('DisplaySimulator (QLP/1 firmware behaviour)', () => {
  it('applies a retried frame (same SEQ) once but ACKs both', async () => {
    const { sim, changes, binding, replies } = await setup();
    const frame = qlp.encode({ kind: 'show', text: 'A012' }, 3, 42)[0]!;
    binding().emitData(frame);
    await new Promise((r) => setTimeout(r, 20));
    binding().emitData(frame);
    await new Promise((r) => setTimeout(r, 20));
    expect(changes).toEqual(['3:A012']);
    expect(replies().map((r) => [r.address, r.seq, r.command, r.payload[0]])).toEqual([
      [3, 42, 0x81, 0],
      [3, 42, 0x81, 0],
    ]);
    await sim.stop();
  });

  it('ignores frames for other addresses and frames with a bad CRC', async () => {
    const { sim, changes, binding, replies } = await setup();
    binding().emitData(qlp.encode({ kind: 'show', text: 'X' }, 4, 1)[0]!);
    const corrupt = Buffer.from(qlp.encode({ kind: 'show', text: 'Y' }, 3, 2)[0]!);
    corrupt.writeUInt8((corrupt.at(-1) ?? 0) ^ 0xff, corrupt.length - 1);
    binding().emitData(corrupt);
    await new Promise((r) => setTimeout(r, 20));
    expect(changes).toEqual([]);
    expect(replies()).toEqual([]);
    await sim.stop();
  });

  it('answers an unknown command with status 1 and a too-bright level with status 2', async () => {
    const { sim, binding, replies } = await setup();
    binding().emitData(Buffer.from([0x02, 3, 5, 0x33, 0, ...crcOf([3, 5, 0x33, 0])]));
    binding().emitData(Buffer.from([0x02, 3, 6, 0x03, 1, 99, ...crcOf([3, 6, 0x03, 1, 99])]));
    await new Promise((r) => setTimeout(r, 20));
    expect(replies().map((r) => r.payload[0])).toEqual([1, 2]);
    await sim.stop();
  });
});

function crcOf(bytes: number[]): number[] {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return [crc & 0xff, crc >> 8];
}
