import preact from '@preact/preset-vite';
import type { Plugin, PluginOption, UserConfig } from 'vite';

/** Where `npx vite <ui>` sends the API and Socket.IO during development: a local server. */
const DEV_SERVER = 'http://127.0.0.1:8080';

/** The first line of a screen's index.html, saying where the rest of its page comes from; not served. */
const NOTE = /^<!--[^\n]*sharedPage[^\n]*-->\n/;

/**
 * The page every screen serves. A screen's index.html holds only the head lines that are its own
 * (charset, viewport, title, and robots or referrer where it has them, in the order they are
 * served) under a NOTE; this wraps them, as the first step of the HTML transform (in `vite` and
 * in `vite build`), in the document the four share: language, icon, the app's root and its entry.
 */
function sharedPage(): Plugin {
  return {
    name: 'guichet-shared-page',
    transformIndexHtml: {
      order: 'pre',
      handler: (own) => `<!doctype html>
<html lang="zh-CN">
  <head>
${own.replace(NOTE, '').replace(/^(?=.)/gm, '    ')}    <link rel="icon" type="image/svg+xml" href="/icon.svg" />
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`,
    },
  };
}

/**
 * The Vite configuration the four screens share: each is built into its own `dist/` and served
 * by the server under `base` (with an SPA fallback to index.html), its page made by `sharedPage`.
 * A screen passes only what is its own: its folder, its path, a browser target (the kiosk's older
 * webview wants es2020), and extra plugins (the manager area's size budget).
 */
export function uiConfig(opts: {
  root: string;
  base: `/${string}/`;
  target?: 'es2020' | 'es2022';
  plugins?: PluginOption[];
}): UserConfig {
  return {
    root: opts.root,
    base: opts.base,
    plugins: [sharedPage(), preact(), ...(opts.plugins ?? [])],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: opts.target ?? 'es2022',
    },
    server: {
      proxy: {
        '/api': DEV_SERVER,
        '/socket.io': { target: DEV_SERVER, ws: true },
      },
    },
  };
}
