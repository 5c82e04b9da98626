import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { QueueState } from '../core/index.js';
import { CommandBus, type Transactional } from './command-bus.js';
import { type AuditEntry, Registry } from './registry.js';

export type { CommandBus, CommittedBatch, Decide } from './command-bus.js';
export type { AnyEvent, CommandMeta, EventBase } from './events.js';
export type { Registry } from './registry.js';

/** The write path every module shares: the projector registry and the command bus over the live state. */
export interface Kernel {
  bus: CommandBus;
  registry: Registry;
}

export interface KernelDeps {
  db: Transactional;
  /** Reads the live state from the database (at start, and after a failed commit). */
  load(): QueueState;
  writeAudit(entry: AuditEntry): void;
  clock(): number;
  log: Logger;
}

export function createKernel(deps: KernelDeps): Kernel {
  const registry = new Registry(deps.writeAudit);
  // 96 random bits in 16 characters: a ticket id is stored in each of its events and their
  // index, and sent in every call to the hall; a UUID's 36 characters were 20 bytes more each time.
  const ids = {
    newId: () => randomBytes(12).toString('base64url'),
    newSecret: () => randomBytes(12).toString('base64url'),
  };
  const bus = new CommandBus(deps.db, registry, deps.load(), deps.load, deps.clock, ids, deps.log);
  return { bus, registry };
}
