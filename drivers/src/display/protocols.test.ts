import { describe, expect, it } from 'vitest';
import { appendCrc, crc16Modbus, hasValidCrc } from './crc16.js';
import {
  createModbusLed485Protocol,
  encodeWriteSingle,
  ModbusRtuFramer,
  segmentsToText,
  textToSegments,
} from './protocols/modbus-led485.js';
import { createQlp1Protocol, decodeQlpFrame, QlpFrameParser } from './protocols/qlp1.js';
import { createQsystemProtocol } from './protocols/qsystem.js';

// Golden frames were computed with an independent Python CRC-16/MODBUS implementation.
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('crc16Modbus', () => {
  it('gives the check value 0x4B37 for "123456789"', () => {
    expect(crc16Modbus(Buffer.from('123456789'))).toBe(0x4b37);
  });
  it('matches the textbook Modbus FC06 example 01 06 00 01 00 03 98 0B', () => {
    expect(appendCrc(hex('010600010003'))).toEqual(hex('01060001000398 0b'));
    expect(encodeWriteSingle(1, 1, 3)).toEqual(hex('01 06 00 01 00 03 98 0b'));
  });
  it('rejects a frame with one flipped bit', () => {
    const frame = hex('01 06 00 01 00 03 98 0b');
    expect(hasValidCrc(frame)).toBe(true);
    frame[3] = 0x03;
    expect(hasValidCrc(frame)).toBe(false);
  });
});

describe('QLP/1 frames', () => {
  const qlp = createQlp1Protocol();
  it.each([
    [
      'SHOW blinking A012',
      { kind: 'show', text: 'A012', blinkSeconds: 10 },
      3,
      7,
      '02 03 07 01 06 01 0a 41 30 31 32 18 52',
    ],
    ['SHOW Chinese as GB2312', { kind: 'show', text: '请3' }, 3, 8, '02 03 08 01 05 00 00 c7 eb 33 b0 2b'],
    ['CLEAR', { kind: 'clear' }, 5, 0, '02 05 00 02 00 01 88'],
    ['BRIGHTNESS 9', { kind: 'brightness', level: 9 }, 5, 1, '02 05 01 03 01 09 d8 6a'],
    ['PING', { kind: 'ping' }, 5, 2, '02 05 02 05 00 a2 78'],
    [
      'BLINK on, 500 ms period, endless',
      { kind: 'blink', on: true, periodMs: 500, count: 0 },
      5,
      3,
      '02 05 03 04 03 01 32 00 fb 17',
    ],
  ] as const)('encodes %s', (_name, cmd, addr, seq, expected) => {
    expect(qlp.encode(cmd, addr, seq)).toEqual([hex(expected)]);
  });

  it('sends broadcasts twice and expects no reply', () => {
    const frames = qlp.encode({ kind: 'clear' }, 0xff, 9);
    expect(frames).toEqual([hex('02 ff 09 02 00 e1 52'), hex('02 ff 09 02 00 e1 52')]);
    expect(qlp.expectsReply({ kind: 'clear' }, 0xff)).toBe(false);
    expect(qlp.expectsReply({ kind: 'clear' }, 3)).toBe(true);
  });

  it('clamps brightness to 0..15 and truncates text to 48 bytes on a character boundary', () => {
    expect(qlp.encode({ kind: 'brightness', level: 99 }, 1, 0)[0]?.[5]).toBe(15);
    const frame = qlp.encode({ kind: 'show', text: '号'.repeat(30) }, 1, 0)[0]!;
    expect(frame[4]).toBe(2 + 48); // 24 double-byte characters
  });

  it('decodes an ACK reply with its status', () => {
    expect(qlp.decodeReply?.(hex('02 03 07 81 01 00 30 cc'))).toEqual({
      address: 3,
      seq: 7,
      status: 0,
      data: Buffer.alloc(0),
    });
    expect(qlp.decodeReply?.(hex('02 03 07 81 01 00 30 cd'))).toBeNull();
  });

  it('framer finds frames after junk, a false STX and across chunk boundaries', () => {
    const parser = new QlpFrameParser();
    const ack = hex('02 03 07 81 01 00 30 cc');
    const stream = Buffer.concat([hex('ff 02 10 00'), ack, ack]);
    const frames = [...parser.push(stream.subarray(0, 6)), ...parser.push(stream.subarray(6))];
    expect(frames).toEqual([ack, ack]);
    expect(decodeQlpFrame(ack)?.command).toBe(0x81);
  });
});

describe('Modbus LED-485 frames', () => {
  const mb = createModbusLed485Protocol({ width: 4 });
  it('writes A012 as segment bytes with FC16 at 0x0080', () => {
    expect(mb.encode({ kind: 'show', text: 'A012' }, 2, 0)).toEqual([
      hex('02 10 00 80 00 02 04 77 3f 06 5b 9d 68'),
    ]);
  });
  it('pings with FC03 on the unit id register by default', () => {
    expect(mb.encode({ kind: 'ping' }, 2, 0)).toEqual([hex('02 03 00 02 00 01 25 f9')]);
    expect(mb.supports('brightness')).toBe(false);
  });
  it('write-only liveness: the ping repeats the last segment write, never FC03', () => {
    const wo = createModbusLed485Protocol({ width: 4, liveness: 'write' });
    const show = wo.encode({ kind: 'show', text: 'B7' }, 5, 0)[0]!;
    expect(wo.encode({ kind: 'ping' }, 5, 1)).toEqual([show]);
    expect(wo.encode({ kind: 'ping' }, 6, 1)[0]?.[1]).toBe(0x10); // none yet: a blank write
  });
  // Widths 4, 5, 6, 8: registers = ceil(width / 2), text left-aligned and padded at the end
  // (the setup tool appends ' ' to odd strings), as in sman-dk/LED-485_setuptool display_str.
  // CRCs from an independent Python CRC-16/MODBUS.
  it.each([
    [4, 'A12', '02 10 00 80 00 02 04 77 06 5b 00 34 0e'],
    [5, 'A012', '02 10 00 80 00 03 06 77 3f 06 5b 00 00 8b 72'],
    [6, 'A1000', '02 10 00 80 00 03 06 77 06 3f 3f 3f 00 4b c4'],
    [8, 'CLOSED', '02 10 00 80 00 04 08 39 38 5c 64 79 5e 00 00 88 62'],
  ] as const)('width %i: %s', (width, text, expected) => {
    const frame = createModbusLed485Protocol({ width }).encode({ kind: 'show', text }, 2, 0)[0]!;
    expect(frame).toEqual(hex(expected));
    expect(hasValidCrc(frame)).toBe(true);
  });
  it('refuses widths outside 4..8', () => {
    expect(() => createModbusLed485Protocol({ width: 3 })).toThrow(RangeError);
    expect(() => createModbusLed485Protocol({ width: 9 })).toThrow(RangeError);
  });
  it('has every glyph of the setup tool, including K M V W X Z', () => {
    expect(textToSegments('KMVWXZ', 6)).toEqual(hex('7a 55 62 6a 36 49'));
    expect(textToSegments('IJS', 4)).toEqual(hex('10 0e 64 00'));
    expect(segmentsToText(textToSegments('KMVWXZ', 6))).toBe('KMVWXZ');
  });
  it('pads at the end, lights decimal points and round-trips', () => {
    expect(textToSegments('12', 4)).toEqual(hex('06 5b 00 00'));
    expect(textToSegments('1.5', 4)).toEqual(hex('86 6d 00 00'));
    expect(segmentsToText(textToSegments('A012', 4))).toBe('A012');
  });
  it('paused / closed texts that do not fit become dashes; a short form fits', () => {
    const text = (t: string) =>
      segmentsToText(mb.encode({ kind: 'show', text: t }, 1, 0)[0]!.subarray(7, 11));
    expect(text('PAUSE')).toBe('----');
    expect(text('CLOSED')).toBe('----');
    expect(text('OFF')).toBe('OFF ');
    expect(text('窗口3')).toBe('----'); // no glyphs: never a partial "3"
  });
  it('frames and decodes write and read replies, and skips junk', () => {
    const framer = new ModbusRtuFramer('response');
    const frames = framer.push(hex('00 02 10 00 80 00 02 40 13 02 03 02 00 02 7d 85'));
    expect(frames).toEqual([hex('02 10 00 80 00 02 40 13'), hex('02 03 02 00 02 7d 85')]);
    expect(mb.decodeReply?.(frames[0]!)?.status).toBe(0);
    expect(mb.decodeReply?.(appendCrc(hex('02 90 02')))?.status).toBe(0x82);
  });
});

describe('QSystem frames (QIndicatorBoardRS.sendMessage: 01 addr text 07)', () => {
  const qs = createQsystemProtocol();
  it('golden bytes: no blink byte, no padding to a width, short codes padded as show() does', () => {
    expect(qs.encode({ kind: 'show', text: 'A012', blinkSeconds: 5 }, 4, 0)).toEqual([
      hex('01 04 41 30 31 32 07'),
    ]);
    expect(qs.encode({ kind: 'show', text: 'B7' }, 4, 0)).toEqual([hex('01 04 20 42 37 20 20 07')]);
    expect(qs.encode({ kind: 'clear' }, 4, 0)).toEqual([hex('01 04 20 20 20 20 20 20 20 07')]);
  });
  it('never waits for a reply, keeps QSystem 300 ms pace, replaces non-ASCII with ?', () => {
    expect(qs.expectsReply({ kind: 'show', text: 'x' }, 1)).toBe(false);
    expect(qs.interFrameMs).toBe(300);
    expect(qs.encode({ kind: 'show', text: '号A1' }, 1, 0)[0]?.subarray(2, 5).toString()).toBe('?A1');
  });
});

describe('"A1000" on every protocol: never another valid ticket', () => {
  const body = (frame: Buffer, from: number, to: number) => frame.subarray(from, frame.length - to);
  it('QLP/1 sends it whole; the display scrolls it (docs/qlp1.md §5)', () => {
    const frame = createQlp1Protocol().encode({ kind: 'show', text: 'A1000' }, 1, 1)[0]!;
    expect(decodeQlpFrame(frame)?.payload.subarray(2).toString()).toBe('A1000');
  });
  it('Modbus 4 digits: the number without its letter, or dashes when so configured', () => {
    const show = (o: object) =>
      segmentsToText(
        createModbusLed485Protocol({ width: 4, ...o })
          .encode({ kind: 'show', text: 'A1000' }, 1, 0)[0]!
          .subarray(7, 11),
      );
    expect(show({})).toBe('1000');
    expect(show({ overflow: 'dashes' })).toBe('----');
    const five = createModbusLed485Protocol({ width: 5 }).encode({ kind: 'show', text: 'A1000' }, 1, 0)[0]!;
    expect(segmentsToText(five.subarray(7, 12))).toBe('A1000');
    const long = createModbusLed485Protocol({ width: 4 }).encode({ kind: 'show', text: 'A12345' }, 1, 0)[0]!;
    expect(segmentsToText(long.subarray(7, 11))).toBe('----');
  });
  it('QSystem: whole when no width is set; number or dashes on a 4-wide board', () => {
    expect(
      body(createQsystemProtocol().encode({ kind: 'show', text: 'A1000' }, 1, 0)[0]!, 2, 1).toString(),
    ).toBe('A1000');
    const four = createQsystemProtocol({ width: 4 }).encode({ kind: 'show', text: 'A1000' }, 1, 0)[0]!;
    expect(body(four, 2, 1).toString()).toBe('1000');
    const dashes = createQsystemProtocol({ width: 4, overflow: 'dashes' }).encode(
      { kind: 'show', text: 'A1000' },
      1,
      0,
    )[0]!;
    expect(body(dashes, 2, 1).toString()).toBe('----');
  });
});
