import type { QueueState } from '../core/index.js';
import type { AnyEvent, AnyEventType, CommandMeta, EventNamed } from './events.js';

/** Evolves the live state by one event (in memory; runs before the projectors). */
export type Reducer<E> = (state: QueueState, event: E) => void;
/**
 * Writes the rows one event changes, inside the commit's transaction; synchronous, no I/O besides
 * SQLite. `meta` says who asked and from where (the event log keeps a staff action's address).
 */
export type Projector<E> = (event: E, state: QueueState, meta: CommandMeta) => void;

/** How an event appears in the audit log: its target and the subject compared before and after it. */
export interface AuditRule<E> {
  /** Only these events are audited (e.g. staff actions, not kiosk issues). Default: all. */
  when?(event: E): boolean;
  target(event: E): string | null;
  /** A plain copy of what the event changes; read before and after it applies. */
  subject?(event: E, state: QueueState): unknown;
  /** Whatever else says what was asked (reason, outcome). */
  detail?(event: E): unknown;
}

export interface AuditEntry {
  at: number;
  actorKind: string;
  actorId: string;
  branchId: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  before: unknown;
  after: unknown;
  ip: string | null;
}

type Handlers<F> = Map<string, F[]>;

/**
 * The projector registry: for each event type, the reducers that evolve the live state, the
 * projectors that write its rows and the rule that audits it. Modules register theirs at
 * start; the bus calls `commit` for every event of a command inside the transaction.
 */
export class Registry {
  private readonly reducers: Handlers<Reducer<AnyEvent>> = new Map();
  private readonly projectors: Handlers<Projector<AnyEvent>> = new Map();
  private readonly audits = new Map<string, AuditRule<AnyEvent>>();

  constructor(private readonly writeAudit: (entry: AuditEntry) => void) {}

  reduce<T extends AnyEventType>(types: T | readonly T[], fn: Reducer<EventNamed<T>>): this {
    return this.add(this.reducers, types, fn as Reducer<AnyEvent>);
  }

  project<T extends AnyEventType>(types: T | readonly T[], fn: Projector<EventNamed<T>>): this {
    return this.add(this.projectors, types, fn as Projector<AnyEvent>);
  }

  audit<T extends AnyEventType>(types: T | readonly T[], rule: AuditRule<EventNamed<T>>): this {
    for (const type of typeof types === 'string' ? [types] : types) {
      if (this.audits.has(type)) throw new Error(`event ${type} is audited twice`);
      this.audits.set(type, rule as AuditRule<AnyEvent>);
    }
    return this;
  }

  /** Applies one event: audit subject before, reducers, projectors, audit row. Inside the transaction. */
  commit(event: AnyEvent, state: QueueState, meta: CommandMeta): void {
    const rule = this.audits.get(event.type);
    const audited = rule !== undefined && (rule.when?.(event) ?? true);
    const before = audited ? rule.subject?.(event, state) : undefined;
    for (const reduce of this.reducers.get(event.type) ?? []) reduce(state, event);
    for (const project of this.projectors.get(event.type) ?? []) project(event, state, meta);
    if (!audited) return;
    const after = rule.subject?.(event, state) ?? null;
    const detail = rule.detail?.(event) ?? null;
    this.writeAudit({
      at: event.at,
      actorKind: event.actor.kind,
      actorId: event.actor.id,
      branchId: event.branchId,
      action: event.type,
      target: rule.target(event),
      detail,
      before: before ?? null,
      after,
      ip: meta.ip ?? null,
    });
  }

  private add<F>(map: Handlers<F>, types: string | readonly string[], fn: F): this {
    for (const type of typeof types === 'string' ? [types] : types)
      map.set(type, [...(map.get(type) ?? []), fn]);
    return this;
  }
}
