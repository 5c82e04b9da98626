import type { FeedbackStore } from '@guichet/db';
import { ok, type Result } from '../../core/index.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { EventBase } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';

/** Masked numbers and keyed hashes of tickets issued before `before` were deleted. */
export interface PersonalDataPurged extends EventBase {
  type: 'personal_data.purged';
  before: number;
  tickets: number;
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'personal_data.purged': PersonalDataPurged;
  }
}

/** Deletes personal numbers past the retention period, in the database and in the live state. */
export function purgePersonalData(
  bus: CommandBus,
  store: FeedbackStore,
  before: number,
): Promise<Result<number>> {
  return bus.run({ actor: { kind: 'system', id: 'system' } }, (_state, ctx) => {
    const tickets = store.countPersonalData(before);
    if (tickets === 0) return ok({ events: [], reply: () => 0 });
    return ok({
      events: [
        { type: 'personal_data.purged', at: ctx.now, actor: ctx.actor, branchId: null, before, tickets },
      ],
      reply: () => tickets,
    });
  });
}

export function registerPurgeProjections(registry: Registry, store: FeedbackStore): void {
  registry
    // The live copies go too, or the next save of a ticket would write them back.
    .reduce('personal_data.purged', (state, e) => {
      for (const t of state.tickets.values()) {
        if (t.issuedAt < e.before && (t.personHash || t.personMasked))
          Object.assign(t, { personHash: null, personMasked: null });
      }
    })
    .project('personal_data.purged', (e) => store.purgePersonalData(e.before))
    .audit('personal_data.purged', {
      target: () => null,
      detail: (e) => ({ before: e.before, tickets: e.tickets }),
    });
}
