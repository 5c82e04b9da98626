import type { DisplayCommand } from './protocol.js';

/**
 * Desired state of one display on a bus. Each update bumps a version; the bus records which
 * version was delivered, so an update arriving during an exchange is sent next (latest wins)
 * and a replay is just "forget what was delivered".
 */

export type DisplayLink = 'unknown' | 'online' | 'offline';

export type ContentCommand = Extract<DisplayCommand, { kind: 'show' | 'clear' }>;

export interface Slot {
  address: number;
  content: ContentCommand | null;
  blinkUntil: number | null;
  contentVersion: number;
  sentContentVersion: number;
  brightness: number | null;
  brightnessVersion: number;
  sentBrightnessVersion: number;
  pingDue: boolean;
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
    brightness: null,
    brightnessVersion: 0,
    sentBrightnessVersion: 0,
    pingDue: false,
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
export function markBrightnessSent(slot: Slot, version: number): void {
  slot.sentBrightnessVersion = version;
}

/** Forget what was delivered, so the current desired state is sent again. */
export function markForReplay(slot: Slot): void {
  slot.sentContentVersion = -1;
  slot.sentBrightnessVersion = -1;
}

/** A SHOW replayed later blinks only for the time left of its original blink window. */
export function contentToSend(slot: Slot, content: ContentCommand, now: number): ContentCommand {
  if (content.kind !== 'show' || slot.blinkUntil === null) return content;
  const left = Math.max(0, Math.ceil((slot.blinkUntil - now) / 1000));
  return { ...content, blinkSeconds: left };
}
