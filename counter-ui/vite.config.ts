import { defineConfig } from 'vite';
import { uiConfig } from '../vite.ui';

/** Built into counter-ui/dist; the server serves it at /counter/ with an SPA fallback (so /counter/pad works). */
export default defineConfig(uiConfig({ root: import.meta.dirname, base: '/counter/' }));
