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

/** A new password: chosen by its owner (her other sessions end) or reset by an admin (all end). */
export interface PasswordChanged extends EventBase {
  type: 'user.password_changed';
  userId: string;
  /** The scrypt hash (never the password); kept out of the audit log. */
  passwordHash: string;
  by: 'owner' | 'admin';
  /** The owner's own session, which stays signed in. */
  keepTokenHash: string | null;
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'session.started': SessionStarted;
    'session.refused': SessionRefused;
    'session.ended': SessionEnded;
    'session.counter_bound': SessionCounterBound;
    'sessions.expired': SessionsExpired;
    'user.password_changed': PasswordChanged;
  }
}
