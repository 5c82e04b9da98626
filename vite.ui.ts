import preact from '@preact/preset-vite';
import type { PluginOption, UserConfig } from 'vite';

/** Where `npx vite <ui>` sends the API and Socket.IO during development: a local server. */
const DEV_SERVER = 'http://127.0.0.1:8080';

/**
 * The Vite configuration the four screens share: each is built into its own `dist/` and served
 * by the server under `base` (with an SPA fallback to index.html). A screen passes only what is
 * its own: its folder, its path, a browser target (the kiosk's older webview wants es2020), and
 * extra plugins (the manager area's size budget).
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
    plugins: [preact(), ...(opts.plugins ?? [])],
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
