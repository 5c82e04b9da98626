import type { ConfigStore } from '@guichet/db';
import {
  type EmergencyNotice,
  type LocalizedText,
  liftEmergency,
  NOTICE_EVENTS,
  noticesOf,
  ok,
  type Result,
  raiseEmergency,
  setNotice,
} from '../../core/index.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';

/**
 * The hall's scrolling notice and emergency notice: commands decided by core (an emergency that
 * stops issuing is a queue rule), kept in the live state and in the branch row, broadcast as
 * `branch:updated` like every other change.
 */
export class Notices {
  constructor(private readonly bus: CommandBus) {}

  hasBranch(branchId: string): boolean {
    return this.bus.state.branches.has(branchId);
  }

  setNotice(meta: CommandMeta, branchId: string, notice: LocalizedText | null): Promise<Result<null>> {
    return this.bus.run(meta, (state, ctx) => done(setNotice(state, branchId, notice, ctx)));
  }

  raiseEmergency(
    meta: CommandMeta,
    branchId: string,
    emergency: Omit<EmergencyNotice, 'since'>,
  ): Promise<Result<null>> {
    return this.bus.run(meta, (state, ctx) => done(raiseEmergency(state, branchId, emergency, ctx)));
  }

  liftEmergency(meta: CommandMeta, branchId: string): Promise<Result<null>> {
    return this.bus.run(meta, (state, ctx) => done(liftEmergency(state, branchId, ctx)));
  }
}

const done = <E>(r: Result<E[]>) => (r.ok ? ok({ events: r.data, reply: () => null }) : r);

/** The branch row's notice columns, and an audit entry with the notices before and after. */
export function registerNoticeProjections(registry: Registry, store: ConfigStore): void {
  registry
    .project('branch.notice_set', (e) =>
      store.setNotice(e.branchId, e.notice ? { zh: e.notice['zh-CN'], en: e.notice.en } : null),
    )
    .project('branch.emergency_raised', (e) => store.setEmergency(e.branchId, e.emergency))
    .project('branch.emergency_lifted', (e) => store.setEmergency(e.branchId, null))
    .audit(NOTICE_EVENTS, {
      target: (e) => e.branchId,
      subject: (e, state) => structuredClone(noticesOf(state, e.branchId)),
    });
}
