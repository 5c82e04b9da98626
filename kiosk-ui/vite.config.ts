import { defineConfig } from 'vite';
import { uiConfig } from '../vite.ui';

// The server serves dist/ at /kiosk/ (index.html for every /kiosk/* path, the phone page included).
export default defineConfig(uiConfig({ root: import.meta.dirname, base: '/kiosk/', target: 'es2020' }));
