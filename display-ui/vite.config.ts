import { defineConfig } from 'vite';
import { uiConfig } from '../vite.ui';

// The server serves dist/ at /display/ with an SPA fallback to index.html.
export default defineConfig(uiConfig({ root: import.meta.dirname, base: '/display/' }));
