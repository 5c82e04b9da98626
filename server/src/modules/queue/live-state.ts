import type { BranchRow, CounterRow, QueueStore, ServiceRow, TicketRow } from '@guichet/db';
import {
  type Branch,
  businessDay,
  type Counter,
  emptyState,
  type QueueState,
  rebuildIssueIndexes,
  rebuildWaitingIndex,
  type Service,
  sequenceKey,
  type Ticket,
} from '../../core/index.js';
import { parseBranchSettings, parseEmergency, parseWorkProfile } from '../settings/parse.js';

/** A stored row that does not match its schema: logged and left out, never a crash. */
export type BadRow = (what: string, id: string, problem: string) => void;

export function branchFromRow(row: BranchRow, bad: BadRow): Branch | null {
  const s = parseBranchSettings(row.settings);
  if (!s.ok) {
    bad('branch settings', row.id, s.problem);
    return null;
  }
  return { id: row.id, name: { 'zh-CN': row.nameZh, en: row.nameEn }, timezone: row.timezone, ...s.value };
}

export function serviceFromRow(row: ServiceRow): Service {
  const { nameZh, nameEn, ...rest } = row;
  return { ...rest, name: { 'zh-CN': nameZh, en: nameEn } };
}

export function counterFromRow(row: CounterRow, bad: BadRow): Counter | null {
  const { nameZh, nameEn, profile, state, ...rest } = row;
  const parsed = parseWorkProfile(profile);
  if (!parsed.ok) {
    bad('counter profile', row.id, parsed.problem);
    return null;
  }
  return {
    ...rest,
    name: { 'zh-CN': nameZh, en: nameEn },
    profile: parsed.value,
    state: state as Counter['state'],
  };
}

export function ticketFromRow(row: TicketRow): Ticket {
  return row as unknown as Ticket;
}

const throwBadRow: BadRow = (what, id, problem) => {
  throw new Error(`stored ${what} of ${id} is invalid: ${problem}`);
};

const DURATION_WINDOW_MS = 14 * 24 * 3600_000;

/**
 * Rebuilds the live state from the database: the projections are the state's durable form.
 * A branch whose settings do not validate is left out with its services and counters (nothing
 * is issued under rules that cannot be read); a counter with a bad profile is left out.
 */
export function loadState(store: QueueStore, now: number, bad: BadRow = throwBadRow): QueueState {
  const state = emptyState();
  for (const row of store.loadBranches()) {
    const branch = branchFromRow(row, bad);
    if (!branch) continue;
    state.branches.set(branch.id, branch);
    if (row.currentDay) state.currentDay.set(branch.id, row.currentDay);
    const emergency = parseEmergency(row.emergency);
    if (!emergency.ok) bad('emergency notice', row.id, emergency.problem);
    state.notices.set(branch.id, {
      notice: row.noticeZh || row.noticeEn ? { 'zh-CN': row.noticeZh ?? '', en: row.noticeEn ?? '' } : null,
      emergency: emergency.ok ? emergency.value : null,
    });
  }
  for (const row of store.loadServices())
    if (state.branches.has(row.branchId)) state.services.set(row.id, serviceFromRow(row));
  for (const row of store.loadCounters()) {
    const counter = state.branches.has(row.branchId) ? counterFromRow(row, bad) : null;
    if (counter) state.counters.set(row.id, counter);
  }
  for (const branch of state.branches.values()) {
    // The recorded day, and today by the clock: numbers already given on either are never reused,
    // even if the process stopped between issuing and recording a rollover.
    const days = new Set([
      state.currentDay.get(branch.id) ?? businessDay(now, branch.timezone),
      businessDay(now, branch.timezone),
    ]);
    const ids = [...state.services.values()].filter((s) => s.branchId === branch.id).map((s) => s.id);
    for (const day of days) {
      for (const row of store.loadLiveTickets(branch.id, day)) state.tickets.set(row.id, ticketFromRow(row));
      for (const { serviceId, lastSeq } of store.loadSequences(day, ids)) {
        state.sequences.set(sequenceKey(serviceId, day), lastSeq);
      }
    }
  }
  for (const service of state.services.values()) {
    const durations = store.loadRecentDurations(
      service.id,
      now - DURATION_WINDOW_MS,
      state.branches.get(service.branchId)?.ewtSampleSize ?? 50,
    );
    if (durations.length) state.serviceDurations.set(service.id, durations);
  }
  rebuildWaitingIndex(state);
  rebuildIssueIndexes(state);
  return state;
}
