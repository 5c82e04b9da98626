import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The server serves dist/ at /display/ with an SPA fallback to index.html.
export default defineConfig({
  root: import.meta.dirname,
  base: '/display/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true } },
  },
});
