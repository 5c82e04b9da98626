import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Built into counter-ui/dist; the server serves it at /counter/ with an SPA fallback (so /counter/pad works). */
export default defineConfig({
  root: here,
  base: '/counter/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npx vite counter-ui` during development: the API and Socket.IO come from a local server.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
