/**
 * How long each part of the bench runs. The default is the honest run (≥ 20 s per target after
 * warm-up, three repetitions); `--quick` (or GUICHET_BENCH_QUICK=1) is for development only and
 * its figures are not to be quoted.
 */
const quick = process.argv.includes('--quick') || process.env.GUICHET_BENCH_QUICK === '1';

export const OPTIONS = quick
  ? {
      quick,
      repetitions: 3,
      warmupMs: 500,
      sliceMs: 2_000,
      concurrencies: [10, 50],
      screens: 1_000,
      apiCycles: 1_000,
      dayTickets: 20_000,
      endCycles: 200,
      yearTickets: 50_000,
      snapshotSamples: 50,
      startReps: 1,
      reportRuns: 5,
      reportBudgetMs: 2_000,
      clerkCycleMs: 500,
      clerkSliceMs: 2_000,
    }
  : {
      quick,
      repetitions: 3,
      warmupMs: 3_000,
      sliceMs: 20_000,
      concurrencies: [10, 50],
      screens: 1_000,
      apiCycles: 5_000,
      dayTickets: 100_000,
      endCycles: 1_000,
      yearTickets: 1_000_000,
      snapshotSamples: 300,
      startReps: 3,
      reportRuns: 20,
      reportBudgetMs: 10_000,
      clerkCycleMs: 500,
      // Call-next while reports run: a p99 wants many calls per slice (7 clerks, one call each
      // every 500 ms: 840 in 60 s, where 20 s gave 280 and a p99 that was the third-largest).
      clerkSliceMs: 60_000,
    };

/** `--only=start,issue,fanout,day,reports` runs those parts alone (development; the default runs all). */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
export const runs = (part: 'start' | 'issue' | 'fanout' | 'day' | 'reports') => !only || only.includes(part);

export const BRANCH = 'demo-hall';
/** Services without a daily cap or a person id: issuing them is never refused. */
export const PLAIN_SERVICES = ['svc-social', 'svc-medical', 'svc-employment', 'svc-enquiry', 'svc-pension'];
