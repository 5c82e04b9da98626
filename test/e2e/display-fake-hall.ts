/**
 * A small stand-in for the server's display-facing contract (API.md): serves display-ui/dist at
 * /display/, answers GET /api/v1/me for device tokens and speaks the branch stream over
 * Socket.IO with versioned deltas. Used for layout screenshots with extreme data (long names,
 * emergencies) and for the stream's reconnection tests; the real server is tested in
 * display.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import {
  applyDelta,
  type BranchDelta,
  type BranchSnapshot,
  type CallView,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@guichet/server/protocol';
import type { Page } from 'playwright-core';
import { Server } from 'socket.io';

export const DIST = resolve(import.meta.dirname, '../../display-ui/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

export interface FakeHall {
  url: string;
  snapshot: BranchSnapshot;
  subscribes: number;
  /** What boards reported with `POST /api/v1/me/status`, by device token. */
  statuses: Map<string, unknown>;
  /** Pushes a delta with the next version (or a chosen one, to simulate a gap). */
  push(delta: Omit<BranchDelta, 'epoch' | 'version' | 'branchId'>, opts?: { skipVersion?: boolean }): void;
  call(c: CallView): void;
  /** Changes the snapshot without telling anyone (as if deltas were lost). */
  mutateSilently(fn: (s: BranchSnapshot) => void): void;
  /** Closes every client socket from the server side; a new epoch as after a restart. */
  dropClients(newEpoch?: boolean): void;
  close(): Promise<void>;
}

export async function startFakeHall(
  snapshot: BranchSnapshot,
  devices: Record<string, { config: unknown }>,
  /** `noVoice`: answer 404 for the voice clips, as a build without espeak-ng would leave them. */
  opts: { noVoice?: boolean } = {},
): Promise<FakeHall> {
  const http: HttpServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/v1/me/status' && req.method === 'POST') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        hall.statuses.set(token, JSON.parse(body));
        res.writeHead(devices[token] ? 204 : 401);
        res.end();
      });
      return;
    }
    if (url.pathname === '/api/v1/me') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const device = devices[token];
      if (!device) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'unknown token' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'device',
          device: {
            id: token,
            kind: 'display',
            name: token,
            branchId: snapshot.branch.id,
            counterId: null,
            config: device.config,
          },
        }),
      );
      return;
    }
    if (opts.noVoice && url.pathname.startsWith('/display/voice/')) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (url.pathname.startsWith('/display/')) {
      const rel = url.pathname.slice('/display/'.length);
      let file = join(DIST, rel);
      if (!rel || !file.startsWith(DIST) || !existsSync(file) || !extname(file))
        file = join(DIST, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    transports: ['websocket'],
  });
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: string }).token ?? '';
    next(devices[token] ? undefined : new Error('unauthenticated'));
  });
  const hall: FakeHall = {
    url: '',
    snapshot,
    subscribes: 0,
    statuses: new Map(),
    push(partial, opts) {
      const delta: BranchDelta = {
        ...partial,
        epoch: hall.snapshot.epoch,
        version: hall.snapshot.version + (opts?.skipVersion ? 2 : 1),
        branchId: hall.snapshot.branch.id,
      };
      hall.snapshot = { ...applyDelta(hall.snapshot, delta), at: Date.now() };
      const event = partial.call ? 'ticket:called' : partial.branch ? 'branch:updated' : 'ticket:updated';
      if (event === 'ticket:called' && partial.call) {
        io.to('branch').emit('ticket:called', {
          ...delta,
          ...partial.call,
          branchId: hall.snapshot.branch.id,
          call: partial.call,
        });
      } else io.to('branch').emit(event, delta);
    },
    call(c) {
      hall.push({ call: c });
    },
    mutateSilently(fn) {
      fn(hall.snapshot);
      hall.snapshot.version++;
    },
    dropClients(newEpoch = true) {
      if (newEpoch) hall.snapshot = { ...hall.snapshot, epoch: `e${Date.now()}`, version: 1 };
      io.disconnectSockets(true);
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
  io.on('connection', (socket) => {
    socket.on('branch:subscribe', (_req, ack) => {
      hall.subscribes++;
      void socket.join('branch');
      ack({ ok: true, data: { ...hall.snapshot, at: Date.now() } });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  hall.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return hall;
}

/** The longest names a hall might use, for layout checks. */
export const LONG = {
  hall: {
    'zh-CN': '某某市某某区人力资源和社会保障局政务服务中心第一分中心综合受理大厅',
    en: 'Municipal Human Resources and Social Security Bureau Government Service Centre, First Branch, Main Hall',
  },
  service: {
    'zh-CN': '城乡居民基本养老保险参保登记及待遇领取资格认证',
    en: 'Urban and Rural Residents Basic Pension Insurance Registration and Entitlement Certification',
  },
  counter: {
    'zh-CN': '社会保障卡补换领及综合业务受理窗口',
    en: 'Social Security Card Replacement and General Business Counter',
  },
};

/** Elements whose content is wider or taller than their box, or cut with an ellipsis; regions that overlap. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 30)}"`;
    for (const el of document.querySelectorAll('.board *')) {
      if (el.closest('.ticker')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1)
        problems.push(`outside viewport: ${describe(el)}`);
      const html = el as HTMLElement;
      const style = getComputedStyle(html);
      // Names are never cut with "…": a text that ends in an ellipsis is a problem in itself.
      if (style.textOverflow === 'ellipsis' && html.scrollWidth > html.clientWidth + 1)
        problems.push(`cut with an ellipsis: ${describe(el)}`);
      // Vertically, CJK fonts' ascent + descent (~1.45 em) exceed a tight line-height without any
      // visible ink outside the box: allow half an em.
      const slack = Number.parseFloat(style.fontSize) / 2;
      if (html.scrollWidth > html.clientWidth + 1 || html.scrollHeight > html.clientHeight + slack) {
        problems.push(
          `overflows: ${describe(el)} ${html.scrollWidth}x${html.scrollHeight} > ${html.clientWidth}x${html.clientHeight}`,
        );
      }
    }
    const regions = ['.board__header', '.latest', '.history', '.grid', '.queues', '.ticker'].map((sel) => ({
      sel,
      r: document.querySelector(sel)?.getBoundingClientRect(),
    }));
    for (let i = 0; i < regions.length; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        const a = regions[i]?.r;
        const b = regions[j]?.r;
        if (!a || !b) continue;
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`overlap: ${regions[i]?.sel} and ${regions[j]?.sel}`);
      }
    }
    return problems;
  });
}
