import type { EventBase } from '../../kernel/events.js';

/** A staff session: started at sign-in, bound to the counter its clerk opened, ended at sign-out. */
export interface SessionStarted extends EventBase {
  type: 'session.started';
  userId: string;
  tokenHash: string;
  expiresAt: number;
}
export interface SessionRefused extends EventBase {
  type: 'session.refused';
  login: string;
}
export interface SessionEnded extends EventBase {
  type: 'session.ended';
  userId: string;
  tokenHash: string;
}
export interface SessionCounterBound extends EventBase {
  type: 'session.counter_bound';
  tokenHash: string;
  counterId: string;
}
export interface SessionsExpired extends EventBase {
  type: 'sessions.expired';
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'session.started': SessionStarted;
    'session.refused': SessionRefused;
    'session.ended': SessionEnded;
    'session.counter_bound': SessionCounterBound;
    'sessions.expired': SessionsExpired;
  }
}
