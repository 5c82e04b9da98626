import type { AuthStore, ConfigStore, FeedbackStore, QueueStore } from '@guichet/db';
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { LoginThrottle, Principal } from './auth.js';
import type { Broadcaster } from './broadcast.js';
import type { DisplayStatuses } from './display-status.js';
import type { Feedback } from './feedback.js';
import type { Hall } from './hall.js';
import type { LedDisplays } from './led-displays.js';
import type { Notices } from './notices.js';
import type { Printing } from './printing.js';

/** Everything the transports need, built once by buildApp(). */
export interface AppContext {
  config: Readonly<Config>;
  log: Logger;
  hall: Hall;
  broadcaster: Broadcaster;
  feedback: Feedback;
  notices: Notices;
  printing: Printing;
  leds: LedDisplays;
  /** What each display board last reported about its voice. */
  displays: DisplayStatuses;
  queueStore: QueueStore;
  feedbackStore: FeedbackStore;
  authStore: AuthStore;
  configStore: ConfigStore;
  throttle: LoginThrottle;
  /** Closes the sockets of a session that signed out. */
  disconnectSession(tokenHash: string): void;
  secret: string;
  now(): number;
  audit(p: Principal | null, action: string, target: string | null, detail?: unknown, ip?: string): void;
}
