import type { AlertRules } from '../../core/alerts.js';
import type { EventBase } from '../../kernel/events.js';
import type { AlertView } from '../../protocol/monitor.js';

/** A branch's alert rules replaced (audited with the rules before and after). */
export interface AlertRulesSet extends EventBase {
  type: 'alert.rules_set';
  branchId: string;
  rules: AlertRules;
}
/** An alert raised, changed level, or cleared by the server: the alert as it is after. */
export interface AlertRaised extends EventBase {
  type: 'alert.raised';
  alert: AlertView;
}
export interface AlertChanged extends EventBase {
  type: 'alert.updated' | 'alert.cleared';
  alert: AlertView;
}
/** A person acknowledged an alert (audited). */
export interface AlertAcknowledged extends EventBase {
  type: 'alert.acknowledged';
  alert: AlertView;
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'alert.rules_set': AlertRulesSet;
    'alert.raised': AlertRaised;
    'alert.updated': AlertChanged;
    'alert.cleared': AlertChanged;
    'alert.acknowledged': AlertAcknowledged;
  }
}

export const ALERT_EVENTS = ['alert.raised', 'alert.updated', 'alert.cleared', 'alert.acknowledged'] as const;
