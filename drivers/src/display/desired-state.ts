import type { DisplayCommand } from './protocol.js';

/**
 * Desired state of one display on a bus. Each update bumps a version; the bus records which
 * version was delivered, so an update arriving during an exchange is sent next (latest wins)
 * and a replay is just "forget what was delivered".
 */

export type DisplayLink = 'unknown' | 'online' | 'offline';

export type ContentCommand = Extract<DisplayCommand, { kind: 'show' | 'clear' }>;

export type SettingCommand = Extract<DisplayCommand, { kind: 'brightness' | 'blink' }>;

export interface Setting {
  cmd: SettingCommand;
  version: number;
  sentVersion: number;
}

export interface Slot {
  address: number;
  content: ContentCommand | null;
  blinkUntil: number | null;
  contentVersion: number;
  sentContentVersion: number;
  /** Brightness and blink mode, sent after the content, each with its own version. */
  settings: Map<SettingCommand['kind'], Setting>;
  pingDue: boolean;
  /** False until the display answered a session-start PING (protocols that need one). */
  sessionOpen: boolean;
  link: DisplayLink;
  lastOkAt: number;
}

export function createSlot(address: number): Slot {
  return {
    address,
    content: null,
    blinkUntil: null,
    contentVersion: 0,
    sentContentVersion: 0,
    settings: new Map(),
    pingDue: false,
    sessionOpen: false,
    link: 'unknown',
    lastOkAt: 0,
  };
}

export function clearPing(slot: Slot): void {
  slot.pingDue = false;
}
export function markContentSent(slot: Slot, version: number): void {
  slot.sentContentVersion = version;
}
export function markSettingSent(setting: Setting, version: number): void {
  setting.sentVersion = version;
}

/** Forget what was delivered, so the current desired state is sent again. */
export function markForReplay(slot: Slot): void {
  slot.sentContentVersion = -1;
  for (const setting of slot.settings.values()) setting.sentVersion = -1;
}

/** A SHOW replayed later blinks only for the time left of its original blink window. */
export function contentToSend(slot: Slot, content: ContentCommand, now: number): ContentCommand {
  if (content.kind !== 'show' || slot.blinkUntil === null) return content;
  const left = Math.max(0, Math.ceil((slot.blinkUntil - now) / 1000));
  return { ...content, blinkSeconds: left };
}
