import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCredentials } from './seed.js';

/** Prints how to open each screen of the demo hall, and the generated admin password once. */
export function announce(
  dataDir: string,
  base: string,
  demo: DemoCredentials | null,
  app: { generatedAdminPassword: string | null; uis: string[] },
): void {
  if (demo) {
    console.log(`\nGuichet — demo hall "${demo.branchId}" at ${base}`);
    console.log(`  Kiosk            ${demo.urls.kiosk}`);
    console.log(`  Hall display     ${demo.urls.display}`);
    console.log(`  Portrait display ${demo.urls.displayPortrait}`);
    console.log(
      `  Clerk console    ${demo.urls.counter}   (clerk1 … clerk8 or staff no. 1001 … 1008, password ${demo.password})`,
    );
    console.log(`  Rating pad       ${demo.urls.pad}`);
    console.log(`  Manager          manager / ${demo.password}`);
    console.log(`  API docs         ${demo.urls.docs}`);
    console.log(`  Every token and URL: ${join(dataDir, 'demo-credentials.json')}\n`);
  }
  if (app.generatedAdminPassword) {
    console.log(
      `First admin account: admin / ${app.generatedAdminPassword} (set GUICHET_ADMIN_PASSWORD to choose it)`,
    );
  }
  if (app.uis.length < 3)
    console.log(`UIs not built (${app.uis.join(', ') || 'none'} served): run npm run build`);
}

/** Keeps demo-credentials.json current: tokens come from the first start, the address from this one. */
export function writeDemoCredentials(
  dataDir: string,
  base: string,
  fresh: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null,
): DemoCredentials | null {
  const file = join(dataDir, 'demo-credentials.json');
  const known =
    fresh ?? (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials) : null);
  if (!known) return null;
  const d = known.devices;
  const creds: DemoCredentials = {
    ...known,
    baseUrl: base,
    urls: {
      kiosk: `${base}/kiosk/?device=${d['kiosk-1']}`,
      display: `${base}/display/?device=${d['display-1']}`,
      displayPortrait: `${base}/display/?device=${d['display-2']}`,
      counter: `${base}/counter/`,
      pad: `${base}/counter/pad?device=${d['pad-1']}`,
      docs: `${base}/api/docs`,
    },
  };
  writeFileSync(file, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  return creds;
}
