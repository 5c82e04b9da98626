/**
 * Public API of @guichet/drivers: ESC/POS ticket printers and serial LED counter displays.
 * Only this package talks to serialport and printer sockets (design/STYLE.md).
 */

export {
  CounterDisplay,
  type CounterDisplayMessages,
  DEFAULT_COUNTER_MESSAGES,
} from './display/counter-display.js';
export { crc16Modbus } from './display/crc16.js';
export type { OverflowPolicy } from './display/fit.js';
export type {
  DisplayCommand,
  DisplayProtocol,
  DisplayReply,
  ProtocolId,
  ProtocolOptions,
} from './display/protocol.js';
export { createProtocol, PROTOCOL_IDS } from './display/protocols/index.js';
export { fileSeqStore, type SeqStore } from './display/seq-store.js';
export {
  type BusStatus,
  type DisplayLink,
  type LinkChange,
  SerialBus,
  type SerialBusOptions,
} from './display/serial-bus.js';
export type { DriverLogger } from './logger.js';
export { ChineseFontNotFoundError, DEFAULT_CJK_FONT_PATHS } from './printer/cjk-font.js';
export { EscPosBuilder } from './printer/escpos-builder.js';
export {
  EscPosPrinter,
  type EscPosPrinterOptions,
  type JobInfo,
  type PrinterJobEvent,
  type PrinterState,
  type PrinterTransportConfig,
  type PrintResult,
} from './printer/printer-connection.js';
export type { HoldReason, PrinterStatus } from './printer/status.js';
export {
  type ChineseMode,
  PAPER_COLUMNS,
  PAPER_DOTS,
  type Paper,
  renderTicket,
  type TicketLayoutOptions,
  type TicketPrintData,
} from './printer/ticket-layout.js';
export type { PrinterTransport } from './printer/transport.js';
export {
  listSerialPorts,
  type PortFactory,
  type SerialPortInfo,
  type SerialPortLike,
} from './serial-port.js';
export {
  DisplaySimulator,
  type DisplaySimulatorOptions,
  type SimulatedDisplayState,
} from './sim/display-simulator.js';
export {
  PrinterSimulator,
  type PrinterSimulatorOptions,
  type SimulatedTicket,
  startPrinterSimulator,
} from './sim/printer-simulator.js';
