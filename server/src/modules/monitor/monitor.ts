import type { AlertRow, AlertStatus, MonitorStore } from '@guichet/db';
import { Value } from 'typebox/value';
import {
  type AlertCondition,
  type AlertLevel,
  type AlertRules,
  type AlertSource,
  type AlertSubjects,
  alertChanges,
  alertConditions,
  alertRulesProblem,
  DEFAULT_ALERT_RULES,
  fail,
  ok,
  type QueueState,
  type Result,
  serviceFigures,
} from '../../core/index.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { AnyEvent, CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import type { AlertView, MonitorSnapshot } from '../../protocol/monitor.js';
import { AlertRules as AlertRulesSchema } from '../../protocol/schemas/monitor.js';
import { ALERT_EVENTS } from './events.js';
import { serviceLevelToday } from './service-level.js';
import './events.js';

const SYSTEM: CommandMeta = { actor: { kind: 'system', id: 'monitor' } };

/**
 * A stored rule set as the evaluation reads it: any JSON stored by an older version (without
 * overrides) still validates and means the same; one that no longer validates gives the defaults.
 */
export function storedRules(json: string): AlertRules {
  // Evaluated after every queue commit: the same stored text is parsed and checked once.
  const known = parsedRules.get(json);
  if (known) return known;
  const parsed: unknown = JSON.parse(json);
  const rules = Value.Check(AlertRulesSchema, parsed) ? (parsed as AlertRules) : DEFAULT_ALERT_RULES;
  if (parsedRules.size >= 64) parsedRules.clear();
  parsedRules.set(json, rules);
  return rules;
}
const parsedRules = new Map<string, AlertRules>();

/** What the branch's overrides may name: its services, counters and pause reason codes (retired too). */
export function alertSubjects(state: QueueState, branchId: string): AlertSubjects {
  const of = (m: Map<string, { branchId: string }>) =>
    new Set([...m].filter(([, x]) => x.branchId === branchId).map(([id]) => id));
  return {
    services: of(state.services),
    counters: of(state.counters),
    pauseReasons: new Set(state.branches.get(branchId)?.pauseReasons?.map((r) => r.code) ?? []),
  };
}

export function alertView(r: AlertRow): AlertView {
  const detail = JSON.parse(r.detail) as { value: number; threshold: number };
  return {
    id: r.id,
    branchId: r.branchId,
    key: r.key,
    kind: r.kind,
    level: r.level as AlertLevel,
    serviceId: r.serviceId,
    counterId: r.counterId,
    value: detail.value,
    threshold: detail.threshold,
    raisedAt: r.raisedAt,
    updatedAt: r.updatedAt,
    clearedAt: r.clearedAt,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedBy,
  };
}

/**
 * Alert rules per branch, and alerts raised / re-levelled / cleared by the server from the live
 * state (core/alerts.ts) plus the conditions of other modules' sources (`addSource`: the cases
 * module's due-soon and overdue cases), acknowledged by a person. Every change is a command on
 * the bus: its rows and audit in one transaction, pushed to monitors after the commit.
 */
export class Monitor {
  private readonly sources: AlertSource[] = [];

  constructor(
    private readonly bus: CommandBus,
    private readonly store: MonitorStore,
    private readonly clerkName: (id: string) => string | null,
  ) {}

  hasBranch(branchId: string): boolean {
    return this.bus.state.branches.has(branchId);
  }

  /** Another module's conditions (e.g. case deadlines); evaluated with the built-in rules. */
  addSource(source: AlertSource): void {
    this.sources.push(source);
  }

  /** The stored rules; defaults when none were set, or when the stored JSON no longer validates. */
  rules(branchId: string): { rules: AlertRules; updatedAt: number | null; updatedBy: string | null } {
    const row = this.store.rules(branchId);
    if (!row) return { rules: DEFAULT_ALERT_RULES, updatedAt: null, updatedBy: null };
    return { rules: storedRules(row.rules), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }

  /** The rules as the REST routes answer them: with the name of who changed them last. */
  rulesView(branchId: string) {
    const r = this.rules(branchId);
    return { branchId, ...r, updatedByName: r.updatedBy ? this.clerkName(r.updatedBy) : null };
  }

  /**
   * Replaces the branch's rules: refused (422) when an override names a service, counter or
   * pause reason code the branch does not have, or a critical threshold is below its warning.
   */
  setRules(meta: CommandMeta, branchId: string, rules: AlertRules): Promise<Result<null>> {
    return this.bus.run(meta, (state, ctx) => {
      const problem = alertRulesProblem(rules, alertSubjects(state, branchId));
      if (problem) return fail('ALERT_RULES_INVALID', problem);
      const e = { type: 'alert.rules_set', at: ctx.now, actor: ctx.actor, branchId, rules } as const;
      return ok({ events: [e as AnyEvent], reply: () => null });
    });
  }

  /** The alert as screens read it: with the acknowledger's name (the rows and events keep the id). */
  named(a: AlertView): AlertView {
    return { ...a, acknowledgedByName: a.acknowledgedBy ? this.clerkName(a.acknowledgedBy) : null };
  }

  list(branchId: string, status: AlertStatus, limit: number): AlertView[] {
    return this.store.list(branchId, status, limit).map((r) => this.named(alertView(r)));
  }

  get(id: string): AlertView | null {
    const r = this.store.get(id);
    return r ? this.named(alertView(r)) : null;
  }

  /** The first acknowledgement stays: acknowledging again answers the alert as it is. */
  acknowledge(meta: CommandMeta, id: string): Promise<Result<AlertView>> {
    return this.bus.run(meta, (_state, ctx) => {
      const row = this.store.get(id);
      if (!row) return fail('ALERT_NOT_FOUND', `alert ${id} does not exist`);
      const alert = alertView(row);
      if (alert.acknowledgedAt !== null) return ok({ events: [], reply: () => this.named(alert) });
      const after = { ...alert, acknowledgedAt: ctx.now, acknowledgedBy: ctx.actor.id };
      const e = {
        type: 'alert.acknowledged',
        at: ctx.now,
        actor: ctx.actor,
        branchId: row.branchId,
        alert: after,
      };
      return ok({ events: [e as AnyEvent], reply: () => this.named(after) });
    });
  }

  /** Raises, re-levels and clears the branch's alerts to match the conditions that hold now. */
  evaluate(branchId: string): Promise<Result<number>> {
    return this.bus.run(SYSTEM, (state, ctx) => {
      if (!state.branches.has(branchId)) return ok({ events: [], reply: () => 0 });
      const conditions: AlertCondition[] = [
        ...alertConditions(state, branchId, this.rules(branchId).rules, ctx.now),
        ...this.sources.flatMap((s) => s(branchId, ctx.now)),
      ];
      const open = new Map(this.store.open(branchId).map((r) => [r.key, alertView(r)]));
      const levels = new Map([...open].map(([k, a]) => [k, a.level]));
      const { raise, relevel, clear } = alertChanges(levels, conditions);
      const base = { at: ctx.now, actor: ctx.actor, branchId };
      const events: AnyEvent[] = [];
      for (const c of raise) {
        const alert: AlertView = {
          id: ctx.newId(),
          branchId,
          key: c.key,
          kind: c.kind,
          level: c.level,
          serviceId: c.serviceId,
          counterId: c.counterId,
          value: c.value,
          threshold: c.threshold,
          raisedAt: ctx.now,
          updatedAt: ctx.now,
          clearedAt: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
        };
        events.push({ ...base, type: 'alert.raised', alert });
      }
      for (const c of relevel) {
        const alert = { ...open.get(c.key)!, level: c.level, value: c.value, updatedAt: ctx.now };
        events.push({ ...base, type: 'alert.updated', alert });
      }
      for (const key of clear) {
        const alert = { ...open.get(key)!, clearedAt: ctx.now, updatedAt: ctx.now };
        events.push({ ...base, type: 'alert.cleared', alert });
      }
      return ok({ events, reply: () => events.length });
    });
  }

  snapshot(branchId: string): MonitorSnapshot {
    const state = this.bus.state;
    const now = this.bus.now();
    const sl = serviceLevelToday(state, branchId, now);
    const services = serviceFigures(state, branchId, now).map((f) => ({
      ...f,
      name: state.services.get(f.serviceId)!.name,
      serviceLevelToday: sl.get(f.serviceId) ?? { percent: null, within: 0, counted: 0 },
    }));
    const counters = [...state.counters.values()]
      .filter((c) => c.branchId === branchId)
      .sort((a, b) => a.number - b.number)
      .map((c) => ({
        counterId: c.id,
        number: c.number,
        name: c.name,
        state: c.state,
        clerkId: c.clerkId,
        clerkName: c.clerkId ? this.clerkName(c.clerkId) : null,
        pauseReason: c.pauseReason,
        stateSince: c.stateSince,
        currentTicketId: c.currentTicketId,
        currentCode: c.currentTicketId ? (state.tickets.get(c.currentTicketId)?.code ?? null) : null,
      }));
    return {
      branchId,
      at: now,
      services,
      counters,
      alerts: this.store.open(branchId).map((r) => this.named(alertView(r))),
    };
  }
}

/** Rows of the rules and alerts; an audit entry for rule changes and acknowledgements. */
export function registerMonitorProjections(registry: Registry, store: MonitorStore): void {
  registry
    .project('alert.rules_set', (e) =>
      store.saveRules(e.branchId, JSON.stringify(e.rules), e.at, e.actor.kind === 'user' ? e.actor.id : null),
    )
    .audit('alert.rules_set', {
      target: (e) => e.branchId,
      subject: (e) => {
        const row = store.rules(e.branchId);
        return row ? JSON.parse(row.rules) : null;
      },
    });
  const row = (a: AlertView): AlertRow => ({
    id: a.id,
    branchId: a.branchId,
    key: a.key,
    kind: a.kind,
    level: a.level,
    serviceId: a.serviceId,
    counterId: a.counterId,
    detail: JSON.stringify({ value: a.value, threshold: a.threshold }),
    raisedAt: a.raisedAt,
    updatedAt: a.updatedAt,
    clearedAt: a.clearedAt,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
  });
  registry.project('alert.raised', (e) => store.insert(row(e.alert)));
  for (const type of ALERT_EVENTS.slice(1)) {
    registry.project(type, (e) => {
      const { id, ...set } = row(e.alert);
      store.update(id, set);
    });
  }
  registry.audit('alert.acknowledged', {
    target: (e) => e.alert.id,
    detail: (e) => ({ kind: e.alert.kind, key: e.alert.key, level: e.alert.level }),
  });
}
