import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCredentials } from './seed.js';

/**
 * Prints how to open each screen of the demo hall. The accounts' passwords are printed once, on
 * the start that created them; later starts point to the credentials file instead.
 */
export function announce(
  dataDir: string,
  base: string,
  demo: { creds: DemoCredentials; fresh: boolean } | null,
  app: { generatedAdminPassword: string | null; uis: string[] },
): void {
  const file = join(dataDir, 'demo-credentials.json');
  if (demo) {
    const { creds, fresh } = demo;
    console.log(`\nGuichet — demo hall "${creds.branchId}" at ${base}`);
    console.log(`  Kiosk            ${creds.urls.kiosk}`);
    console.log(`  Hall display     ${creds.urls.display}`);
    console.log(`  Portrait display ${creds.urls.displayPortrait}`);
    console.log(`  Clerk console    ${creds.urls.counter}   (clerk1 … clerk8 or staff no. 1001 … 1008)`);
    console.log(`  Rating pad       ${creds.urls.pad}`);
    console.log(`  API docs         ${creds.urls.docs}`);
    if (fresh) {
      console.log('  Passwords (shown once; also in the file below, readable by this user only):');
      for (const [user, password] of Object.entries(creds.passwords))
        console.log(`    ${user.padEnd(10)} ${password}`);
    } else console.log('  Passwords: in the file below');
    console.log(`  Every password, token and URL: ${file}\n`);
  }
  if (app.generatedAdminPassword) {
    console.log(
      `First admin account: admin / ${app.generatedAdminPassword} (set GUICHET_ADMIN_PASSWORD to choose it)`,
    );
    console.log(
      `  Also in ${join(dataDir, 'first-admin.txt')} (readable by you only). Sign in at ${base}/manager/,`,
    );
    console.log('  change the password under Staff, then delete that file.');
  }
  if (app.uis.length < 3)
    console.log(`UIs not built (${app.uis.join(', ') || 'none'} served): run npm run build`);
}

/**
 * Keeps demo-credentials.json current: passwords and tokens come from the first start, the address
 * from this one. It holds secrets: owner-only (0600), also when an older release left it readable.
 */
export function writeDemoCredentials(
  dataDir: string,
  base: string,
  fresh: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null,
): { creds: DemoCredentials; fresh: boolean } | null {
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
  // `mode` applies only when the file is created: tighten one that already exists first.
  if (existsSync(file)) chmodSync(file, 0o600);
  writeFileSync(file, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  return { creds, fresh: fresh !== null };
}
