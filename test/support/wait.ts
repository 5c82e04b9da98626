/**
 * Options for `vi.waitFor`: its default gives up after 1 s, which a loaded 2-core machine
 * exceeds for a socket round trip. Tests wait for the condition, with room for the load.
 */
export const LOADED = { timeout: 15_000, interval: 25 } as const;
