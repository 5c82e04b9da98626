#!/usr/bin/env -S npx tsx
/**
 * Device bench tool: list ports, print a test ticket, show text on a counter display, read
 * printer status, and run the simulators standalone. Run with `npx tsx drivers/bin/guichet-device.ts`.
 */
import { parseArgs } from 'node:util';
import {
  CounterDisplay,
  DisplaySimulator,
  EscPosPrinter,
  type EscPosPrinterOptions,
  listSerialPorts,
  PROTOCOL_IDS,
  type PrinterState,
  type ProtocolId,
  SerialBus,
  startPrinterSimulator,
  type TicketPrintData,
} from '../src/index.js';

const USAGE = `usage: guichet-device <command> [options]
  list-ports
  print-test  --tcp host:port | --serial path [--baud 9600] [--paper 80mm|58mm] [--chinese native|none|image] [--image-font path.ttc] [--locale zh-CN|en]
  status      --tcp host:port | --serial path [--baud 9600]
  show        --serial path --protocol qlp1|modbus-led485|qsystem --address N --text "A012" [--blink S] [--baud 9600]
              [--width 4..8] [--seq-file qlp1-seq.json] [--liveness read|write] [--reply-timeout ms]
  sim-printer [--port 9100] [--host 127.0.0.1] [--http 8091]   (--http: page of printed tickets)
  sim-display --serial path --protocol qlp1|modbus-led485|qsystem [--baud 9600]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    tcp: { type: 'string' },
    serial: { type: 'string' },
    baud: { type: 'string', default: '9600' },
    paper: { type: 'string', default: '80mm' },
    chinese: { type: 'string', default: 'native' },
    'image-font': { type: 'string' },
    locale: { type: 'string', default: 'zh-CN' },
    protocol: { type: 'string', default: 'qlp1' },
    address: { type: 'string', default: '1' },
    text: { type: 'string' },
    blink: { type: 'string', default: '0' },
    port: { type: 'string', default: '9100' },
    http: { type: 'string' },
    width: { type: 'string' },
    'seq-file': { type: 'string' },
    'reply-timeout': { type: 'string' },
    liveness: { type: 'string', default: 'read' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T {
  if (value && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(`--${name} must be one of ${allowed.join(', ')}`);
}

function printerTransport(): EscPosPrinterOptions['transport'] {
  if (values.tcp) {
    const [host, port] = values.tcp.split(':');
    if (!host) fail('--tcp needs host[:port]');
    return { kind: 'tcp', host, port: port ? Number(port) : 9100 };
  }
  if (values.serial) return { kind: 'serial', path: values.serial, baudRate: Number(values.baud) };
  return fail('give --tcp host:port or --serial path');
}

function describeStatus(s: PrinterState): string {
  const flags = [
    s.connected ? 'connected' : 'not connected',
    s.online ? 'online' : 'offline',
    s.paperOut && 'PAPER OUT',
    s.paperNearEnd && 'paper near end',
    s.coverOpen && 'COVER OPEN',
  ].filter(Boolean);
  return `${flags.join(', ')}${s.reason ? ` (jobs held: ${s.reason})` : ''}`;
}

async function printTest(): Promise<void> {
  const paper = oneOf(values.paper, ['80mm', '58mm'] as const, 'paper');
  const chinese = oneOf(values.chinese, ['native', 'none', 'image'] as const, 'chinese');
  const locale = oneOf(values.locale, ['zh-CN', 'en'] as const, 'locale');
  const printer = new EscPosPrinter({
    transport: printerTransport(),
    paper,
    chinese,
    imageFont: values['image-font'],
  });
  await printer.start();
  const ticket: TicketPrintData = {
    hallName: locale === 'zh-CN' ? '测试大厅' : 'Test hall',
    serviceName: locale === 'zh-CN' ? '打印测试 Print test' : 'Print test',
    code: 'T001',
    ahead: 2,
    estimatedWaitMinutes: 5,
    issuedAt: new Date().toISOString(),
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale,
    trackUrl: 'https://example.org/guichet/test',
    footer: 'Guichet',
  };
  const result = await printer.printTicket(`test-${Date.now()}`, ticket);
  console.log(JSON.stringify(result));
  console.log(`printer: ${describeStatus(printer.status)}`);
  await printer.stop();
  process.exitCode = result.printed ? 0 : 1;
}

async function status(): Promise<void> {
  const printer = new EscPosPrinter({ transport: printerTransport() });
  await printer.start();
  console.log(describeStatus(printer.status));
  await printer.stop();
}

async function show(): Promise<void> {
  if (!values.serial) fail('show needs --serial path');
  if (values.text === undefined) fail('show needs --text');
  const protocol = oneOf<ProtocolId>(values.protocol, PROTOCOL_IDS, 'protocol');
  const liveness = oneOf(values.liveness, ['read', 'write'] as const, 'liveness');
  const bus = new SerialBus({
    path: values.serial,
    baudRate: Number(values.baud),
    protocol,
    protocolOptions: { ...(values.width ? { width: Number(values.width) } : {}), liveness },
    ...(values['seq-file'] ? { seqFile: values['seq-file'] } : {}),
    ...(values['reply-timeout'] ? { replyTimeoutMs: Number(values['reply-timeout']) } : {}),
    logger: { info: (_o, msg) => console.error(msg), warn: (_o, msg) => console.error(msg) },
  });
  await bus.start();
  if (!bus.getStatus().connected) fail(`cannot open ${values.serial}`);
  const display = new CounterDisplay(bus, Number(values.address), {
    calledBlinkSeconds: Number(values.blink),
  });
  if (Number(values.blink) > 0) display.showCalled(values.text, 0);
  else display.showText(values.text);
  await bus.whenIdle();
  console.log(`display ${values.address}: ${display.link}`);
  await bus.stop();
  process.exitCode = display.link === 'offline' ? 1 : 0;
}

async function simPrinter(): Promise<void> {
  const sim = await startPrinterSimulator({
    port: Number(values.port),
    host: values.host,
    ...(values.http !== undefined ? { httpPort: Number(values.http) } : {}),
  });
  console.log(`ESC/POS printer simulator on ${values.host}:${sim.port} (Ctrl-C to stop)`);
  if (sim.httpPort !== null) console.log(`printed tickets: http://${values.host}:${sim.httpPort}/`);
  sim.on('printed', (t: { text: string; qr: string[] }) => {
    console.log(`----- ticket #${sim.tickets.length} -----\n${t.text}\nQR: ${t.qr.join(', ')}\n`);
  });
  process.once('SIGINT', () => void sim.close().then(() => process.exit(0)));
}

async function simDisplay(): Promise<void> {
  if (!values.serial) fail('sim-display needs --serial path');
  const protocol = oneOf<ProtocolId>(values.protocol, PROTOCOL_IDS, 'protocol');
  const sim = new DisplaySimulator({ path: values.serial, protocol, baudRate: Number(values.baud) });
  sim.on('changed', (address: number, s: { text: string; blinking: boolean; brightness: number }) => {
    console.log(`[${address}] "${s.text}"${s.blinking ? ' (blinking)' : ''} brightness ${s.brightness}`);
  });
  await sim.start();
  console.log(`${protocol} display simulator on ${values.serial} (Ctrl-C to stop)`);
  process.once('SIGINT', () => void sim.stop().then(() => process.exit(0)));
}

async function listPorts(): Promise<void> {
  const { ports, error } = await listSerialPorts();
  if (error) console.error(`could not enumerate ports (${error}); pass the device path explicitly`);
  for (const p of ports) console.log([p.path, p.manufacturer, p.serialNumber].filter(Boolean).join('  '));
  if (!error && ports.length === 0) console.log('no serial ports found');
}

const commands: Record<string, () => Promise<void>> = {
  'list-ports': listPorts,
  'print-test': printTest,
  status,
  show,
  'sim-printer': simPrinter,
  'sim-display': simDisplay,
};

const command = commands[positionals[0] ?? ''];
if (!command) fail(positionals[0] ? `unknown command ${positionals[0]}` : 'no command');
await command();
