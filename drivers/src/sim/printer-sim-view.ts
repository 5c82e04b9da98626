import http from 'node:http';
import type { DecodedTicket } from './escpos-decoder.js';

/**
 * What the simulated printer has printed, for a person: an HTML page (newest ticket first:
 * the decoded text as it would look on paper, and the QR payload) and the same as JSON.
 * Read-only; bound to 127.0.0.1 by default since it is a development aid.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderTicketsPage(tickets: readonly DecodedTicket[]): string {
  const items = tickets
    .map((t, i) => ({ t, n: i + 1 }))
    .reverse()
    .map(
      ({ t, n }) => `<article aria-label="Ticket ${n} / 第 ${n} 张">
  <h2>#${n}</h2>
  <pre>${escapeHtml(t.text)}</pre>
  <p><strong>QR 二维码内容 / QR payload:</strong> ${
    t.qr.length ? t.qr.map((q) => `<code>${escapeHtml(q)}</code>`).join(' ') : '—'
  }</p>
  <p class="meta">${t.raw.length} bytes / 字节</p>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>打印机模拟器 / Printer simulator</title>
<meta http-equiv="refresh" content="3">
<style>
body{font:16px/1.4 system-ui,sans-serif;background:#eee;color:#111;margin:1rem}
article{background:#fff;width:26rem;padding:1rem;margin:0 0 1rem;border:1px solid #999}
pre{font:15px/1.3 "Noto Sans Mono CJK SC",monospace;white-space:pre-wrap;margin:0;text-align:center}
code{word-break:break-all}.meta{color:#444;font-size:14px}
</style></head><body>
<h1>打印机模拟器 / Printer simulator</h1>
<p>${tickets.length} 张小票 / tickets printed. <a href="tickets.json">JSON</a></p>
${items || '<p>尚未打印 / Nothing printed yet.</p>'}
</body></html>`;
}

export async function startTicketsView(
  tickets: readonly DecodedTicket[],
  port: number,
  host = '127.0.0.1',
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/tickets.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(tickets.map((t) => ({ text: t.text, qr: t.qr, bytes: t.raw.length }))));
      return;
    }
    if (req.url !== '/' && req.url !== '/index.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found / 未找到');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(renderTicketsPage(tickets));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
