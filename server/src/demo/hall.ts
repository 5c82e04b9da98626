import type { Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { HallConfig } from '../protocol/schemas/admin-routes.js';
import { HallConfig as HallConfigSchema } from '../protocol/schemas/admin-routes.js';
import demoHallDocument from './demo-hall.json' with { type: 'json' };

type HallDoc = Static<typeof HallConfig>;

/**
 * The demo hall, a district service centre with six queues and eight windows, kept as a branch
 * configuration document: the same JSON that `GET /branches/:id/config` exports and `PUT`
 * applies, so a real hall can start from a copy of it. Open around the clock, so the demo works
 * whenever it is tried; a real hall sets its hours.
 */
export const DEMO_HALL: HallDoc = checked(demoHallDocument);
export const DEMO_BRANCH_ID = DEMO_HALL.branch.id;
export const demoSettings = DEMO_HALL.branch.settings;

function checked(raw: unknown): HallDoc {
  const checker = Compile(HallConfigSchema);
  if (checker.Check(raw)) return raw;
  const problems = [...checker.Errors(raw)]
    .slice(0, 10)
    .map((e) => e as { instancePath?: string; message?: string })
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  throw new Error(`server/src/demo/demo-hall.json is not a valid hall document: ${problems.join('; ')}`);
}

/** A hall document as the rows of `ConfigStore.insertHall` (counters closed since `now`). */
export function hallRows(doc: HallDoc, now: number, branchId = doc.branch.id) {
  return {
    branch: {
      id: branchId,
      nameZh: doc.branch.name['zh-CN'],
      nameEn: doc.branch.name.en,
      timezone: doc.branch.timezone,
      settings: doc.branch.settings,
    },
    services: doc.services.map(({ name, ...s }) => ({
      ...s,
      branchId,
      nameZh: name['zh-CN'],
      nameEn: name.en,
    })),
    counters: doc.counters.map(({ name, ...c }) => ({
      ...c,
      branchId,
      nameZh: name['zh-CN'],
      nameEn: name.en,
      state: 'closed',
      stateSince: now,
    })),
  };
}
