/** A port free on 127.0.0.1 right now (the system picks it; the probe is closed before it answers). */
export function freePort(): Promise<number>;

/**
 * The environment of a server on 127.0.0.1:`port` with its data in `dataDir`: this process's
 * own, the demo hall, warnings and errors logged; `extra` adds variables or overrides these.
 */
export function localServerEnv(
  port: number,
  dataDir: string,
  extra?: Record<string, string>,
): NodeJS.ProcessEnv;
