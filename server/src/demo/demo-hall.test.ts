import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../../../test/support/api.js';
import { build, type TestApp } from '../../../test/support/build.js';

/** The demo hall is a configuration document: the seeded hall exports exactly that file. */
describe('the demo hall document', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is what GET /branches/demo-hall/config exports from the seeded hall', async () => {
    const token = await login(app, 'admin', 'admin-test-password');
    const exported = await api(app, 'GET', '/branches/demo-hall/config', { token });
    expect(exported.status).toBe(200);
    const file = JSON.parse(readFileSync(join(import.meta.dirname, 'demo-hall.json'), 'utf8'));
    expect(exported.body).toEqual(file);
  });

  it('applies to the running hall as it is, changing nothing', async () => {
    const token = await login(app, 'admin', 'admin-test-password');
    const file = JSON.parse(readFileSync(join(import.meta.dirname, 'demo-hall.json'), 'utf8'));
    const applied = await api<{ changes?: number }>(app, 'PUT', '/branches/demo-hall/config', {
      token,
      body: file,
    });
    expect(applied.status).toBe(200);
    const after = await api(app, 'GET', '/branches/demo-hall/config', { token });
    expect(after.body).toEqual(file);
  });
});
