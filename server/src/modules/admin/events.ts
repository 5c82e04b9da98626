import type { Branch, CounterConfig, Service } from '../../core/index.js';
import type { EventBase } from '../../kernel/events.js';
import type { DeviceKind, Role } from '../../protocol/index.js';

/** A branch created or changed: the whole configuration as it is after the change. */
export interface BranchConfigured extends EventBase {
  type: 'branch.configured';
  branch: Branch;
}
/** A service created, changed, suspended or deactivated (`active: false`: never deleted). */
export interface ServiceConfigured extends EventBase {
  type: 'service.configured';
  service: Service & { active: boolean };
}
/** A counter's configuration (number, names, work profile); its live state is the queue's. */
export interface CounterConfigured extends EventBase {
  type: 'counter.configured';
  counter: CounterConfig & { active: boolean };
}
export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  branchId: string | null;
  staffNumber: string | null;
  active: boolean;
}
/** A staff account created or changed; the password hash travels only when it is set. */
export interface UserConfigured extends EventBase {
  type: 'user.configured';
  user: StaffAccount;
  passwordHash: string | null;
  createdAt: number;
  /** A new password or a deactivation ends the account's sessions, but for this one (her own edit). */
  keepTokenHash?: string | null;
}
/** The photo shown on the rating pad was set (a checked JPEG/PNG data URL) or removed (null). */
export interface UserPhotoSet extends EventBase {
  type: 'user.photo-set';
  userId: string;
  photo: string | null;
}
export interface DeviceSetup {
  id: string;
  kind: DeviceKind;
  branchId: string;
  counterId: string | null;
  name: string;
  config: unknown;
}
/** A device created or changed; a new pairing code (hashed) when one is issued. */
export interface DeviceConfigured extends EventBase {
  type: 'device.configured';
  device: DeviceSetup;
  created: boolean;
  pairing: { hash: string; expiresAt: number } | null;
  /** Set on creation: a random hash nobody holds the token of, until the device pairs. */
  tokenHash: string | null;
}
/** The pairing code was exchanged for the device's token (once). */
export interface DevicePaired extends EventBase {
  type: 'device.paired';
  deviceId: string;
  tokenHash: string;
  expiresAt: number;
}
/** The token's life moved on by its use. */
export interface DeviceRefreshed extends EventBase {
  type: 'device.refreshed';
  deviceId: string;
  expiresAt: number;
}
export interface DeviceRevoked extends EventBase {
  type: 'device.revoked';
  deviceId: string;
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'branch.configured': BranchConfigured;
    'service.configured': ServiceConfigured;
    'counter.configured': CounterConfigured;
    'user.configured': UserConfigured;
    'user.photo-set': UserPhotoSet;
    'device.configured': DeviceConfigured;
    'device.paired': DevicePaired;
    'device.refreshed': DeviceRefreshed;
    'device.revoked': DeviceRevoked;
  }
}

export const CONFIG_EVENTS = [
  'branch.configured',
  'service.configured',
  'counter.configured',
  'user.configured',
  'user.photo-set',
  'device.configured',
  'device.paired',
  'device.revoked',
] as const;
