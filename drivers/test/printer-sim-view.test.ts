import { afterEach, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing, launchChromium, newContext } from '../../test/support/browser.js';
import { EscPosPrinter, type PrinterSimulator, startPrinterSimulator } from '../src/index.js';
import { ticketData } from './fixtures.js';

const ticket = ticketData({
  hallName: '政务服务大厅',
  serviceName: '社会保险 Social insurance',
  footer: 'Guichet',
});

let sim: PrinterSimulator | null = null;
let printer: EscPosPrinter | null = null;
afterEach(async () => {
  await printer?.stop();
  await sim?.close();
  sim = printer = null;
});

if (chromiumMissing) console.warn(`[printer-sim-view] screenshot skipped: ${chromiumMissing}`);

describe('printer simulator: what it printed, for a newcomer to see', () => {
  it('serves the decoded ticket text and QR payload as a page and as JSON', async () => {
    sim = await startPrinterSimulator({ port: 0, httpPort: 0 });
    printer = new EscPosPrinter({ transport: { kind: 'tcp', host: '127.0.0.1', port: sim.port } });
    await printer.start();
    expect(await printer.printTicket('view-1', ticket)).toMatchObject({ printed: true });
    const base = `http://127.0.0.1:${sim.httpPort}`;
    let json: { text: string; qr: string[] }[] = [];
    for (const end = Date.now() + 3000; json.length === 0 && Date.now() < end; ) {
      json = (await (await fetch(`${base}/tickets.json`)).json()) as typeof json;
    }
    expect(json).toHaveLength(1);
    expect(json[0]?.text).toContain('政务服务大厅');
    expect(json[0]?.text).toContain('A012');
    expect(json[0]?.qr).toEqual(['https://q.example/t/A012']);
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('A012');
    expect(html).toContain('https://q.example/t/A012');
    expect((await fetch(`${base}/nope`)).status).toBe(404);

    if (chromiumMissing) return;
    const { browser, close } = await launchChromium();
    try {
      const page = await (await newContext(browser, { width: 800, height: 900 })).newPage();
      await page.goto(base);
      await page.getByText('https://q.example/t/A012').waitFor();
      await page.screenshot({ path: artifactPath('printer-simulator-tickets.png'), fullPage: true });
    } finally {
      await close();
    }
  });
});
