import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { endSession, failureText, snapshot } from '../../store';
import { rt } from '../../strings/reports';
import type { GroupBy } from './api';
import { type DatePeriod, type PeriodKind, periodOf, todayIn } from './period';

/** What the reports screen is looking at; kept while the manager moves between screens. */
export type ReportTab = 'summary' | 'charts' | 'tickets' | 'estimates' | 'staff' | 'openrate' | 'callorder';
export const reportTab = signal<ReportTab>('summary');
export const periodKind = signal<PeriodKind>('day');
export const period = signal<DatePeriod | null>(null);
export const groupBy = signal<GroupBy>('service');
export const estimatesBy = signal<'service' | 'hour'>('service');

/** The branch's zone, from the live snapshot (reports are always in the branch's own time). */
export const branchZone = () => snapshot.value?.branch.timezone ?? 'Asia/Shanghai';

/** The period shown: today in the branch's zone until the manager picks another. */
export function currentPeriod(): DatePeriod {
  return period.value ?? periodOf('day', todayIn(branchZone()));
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Why a report failed, in the reader's language (the server's 503s named for what they mean). */
function reportFailure(e: unknown): string {
  if (e instanceof ApiError && e.code === ('REPORT_TIMEOUT' as never)) return rt('reportTimeout');
  if (e instanceof ApiError && e.code === ('REPORTS_UNAVAILABLE' as never)) return rt('reportsUnavailable');
  return failureText(e);
}

/**
 * Runs a report request whenever its inputs change; a late answer to an older request is
 * dropped. A 401 signs out (the session ended), anything else is shown with a retry.
 */
export function useReport<T>(load: (() => Promise<T>) | null, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: load !== null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => {
        if (live) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) return endSession();
        setState({ data: null, error: reportFailure(e), loading: false });
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
