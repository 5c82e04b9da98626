import type { Actor } from './types.js';

/** What a command needs from the outside world, injected so the engine stays pure and replayable. */
export interface CommandContext {
  now: number;
  actor: Actor;
  newId(): string;
  newSecret(): string;
}
