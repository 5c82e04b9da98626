import type { AlertCondition, AlertLevel, AlertRules } from '../core/alerts.js';
import type { CounterState, LocalizedText } from '../core/types.js';

export type { AlertCondition, AlertLevel, AlertRules };

/**
 * One alert with its history: raised, level changes (updatedAt), acknowledged (by whom),
 * cleared. Its condition (core/alerts.ts): `kind` (wait_over_target | queue_length |
 * no_counter_open | counter_paused; cases add case_due_soon, case_overdue), `level`, the
 * subject, and the measured `value` (seconds, tickets, minutes) against the rule's `threshold`
 * (the rule in force for that subject: its override, else the branch's; see core/alerts-rules.ts).
 */
export interface AlertView extends AlertCondition {
  id: string;
  branchId: string;
  raisedAt: number;
  updatedAt: number;
  clearedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  /** The acknowledger's display name: on REST answers and pushes, not kept in the event log. */
  acknowledgedByName?: string | null;
}

export interface MonitorService {
  serviceId: string;
  name: LocalizedText;
  waiting: number;
  longestWaitSeconds: number | null;
  targetWaitMinutes: number;
  openCounters: number;
  /**
   * Today's share of tickets called within the target wait (waiting ones past it count as
   * misses); optional: servers before it was added do not send it.
   */
  serviceLevelToday?: { percent: number | null; within: number; counted: number };
}
export interface MonitorCounter {
  counterId: string;
  number: number;
  name: LocalizedText;
  state: CounterState;
  clerkId: string | null;
  clerkName: string | null;
  pauseReason: string | null;
  stateSince: number;
  currentTicketId: string | null;
  currentCode: string | null;
}
/** The answer to `monitor:subscribe` and the body of every `monitor:updated`. */
export interface MonitorSnapshot {
  branchId: string;
  at: number;
  services: MonitorService[];
  counters: MonitorCounter[];
  /** Alerts not cleared yet, oldest first. */
  alerts: AlertView[];
}
