/**
 * Suites that need a real browser or a real serial pair skip with a printed reason when the
 * machine lacks it — except in CI (GUICHET_REQUIRE_ALL=1), where a skip would hide a failure.
 */
export function skipReason(missing: string | null, suite: string): string | null {
  if (!missing) return null;
  if (process.env.GUICHET_REQUIRE_ALL === '1') {
    throw new Error(`${suite} cannot run: ${missing} (GUICHET_REQUIRE_ALL=1 turns this skip into a failure)`);
  }
  console.warn(`[skip] ${suite}: ${missing}`);
  return missing;
}
