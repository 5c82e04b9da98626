import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The server serves dist/ at /kiosk/ (index.html for every /kiosk/* path, the phone page included).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/kiosk/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
