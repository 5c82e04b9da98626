/**
 * CRC-16/MODBUS: reflected polynomial 0xA001, init 0xFFFF, no final XOR.
 * Check value for ASCII "123456789" is 0x4B37. Sent low byte first.
 */
export function crc16Modbus(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    }
  }
  return crc;
}

/** Returns `data` followed by its CRC, low byte first. */
export function appendCrc(data: Buffer): Buffer {
  const crc = crc16Modbus(data);
  return Buffer.concat([data, Buffer.from([crc & 0xff, crc >> 8])]);
}

/** True when the last two bytes are the CRC (low byte first) of everything before them. */
export function hasValidCrc(frame: Buffer): boolean {
  if (frame.length < 3) return false;
  const crc = crc16Modbus(frame.subarray(0, frame.length - 2));
  return frame[frame.length - 2] === (crc & 0xff) && frame[frame.length - 1] === crc >> 8;
}
