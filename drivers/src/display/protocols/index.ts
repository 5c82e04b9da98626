import type { DisplayProtocol, ProtocolId, ProtocolOptions } from '../protocol.js';
import { createModbusLed485Protocol } from './modbus-led485.js';
import { createQlp1Protocol } from './qlp1.js';
import { createQsystemProtocol } from './qsystem.js';

export function createProtocol(id: ProtocolId, options: ProtocolOptions = {}): DisplayProtocol {
  switch (id) {
    case 'qlp1':
      return createQlp1Protocol();
    case 'modbus-led485':
      return createModbusLed485Protocol(options);
    case 'qsystem':
      return createQsystemProtocol(options);
  }
}

export const PROTOCOL_IDS: readonly ProtocolId[] = ['qlp1', 'modbus-led485', 'qsystem'];
