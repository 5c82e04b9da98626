import type { BranchRow, CounterRow, QueueStore, ServiceRow, TicketRow } from '@guichet/db';
import {
  type Branch,
  businessDay,
  type Counter,
  type EmergencyNotice,
  emptyState,
  type QueueState,
  rebuildIssueKeys,
  rebuildWaitingIndex,
  type Service,
  sequenceKey,
  type Ticket,
} from '../../core/index.js';

/** Branch settings stored as JSON next to the name and zone. */
export type BranchSettings = Omit<Branch, 'id' | 'name' | 'timezone'>;

export function branchFromRow(row: BranchRow): Branch {
  const s = row.settings as BranchSettings;
  return { id: row.id, name: { 'zh-CN': row.nameZh, en: row.nameEn }, timezone: row.timezone, ...s };
}

export function serviceFromRow(row: ServiceRow): Service {
  const { nameZh, nameEn, ...rest } = row;
  return { ...rest, name: { 'zh-CN': nameZh, en: nameEn } };
}

export function counterFromRow(row: CounterRow): Counter {
  const { nameZh, nameEn, profile, state, ...rest } = row;
  return {
    ...rest,
    name: { 'zh-CN': nameZh, en: nameEn },
    profile: profile as Counter['profile'],
    state: state as Counter['state'],
  };
}

export function ticketFromRow(row: TicketRow): Ticket {
  return row as unknown as Ticket;
}

const DURATION_WINDOW_MS = 14 * 24 * 3600_000;

/** Rebuilds the live state from the database: the projections are the state's durable form. */
export function loadState(store: QueueStore, now: number): QueueState {
  const state = emptyState();
  for (const row of store.loadBranches()) {
    const branch = branchFromRow(row);
    state.branches.set(branch.id, branch);
    if (row.currentDay) state.currentDay.set(branch.id, row.currentDay);
    state.notices.set(branch.id, {
      notice: row.noticeZh || row.noticeEn ? { 'zh-CN': row.noticeZh ?? '', en: row.noticeEn ?? '' } : null,
      emergency: (row.emergency as EmergencyNotice | null) ?? null,
    });
  }
  for (const row of store.loadServices()) state.services.set(row.id, serviceFromRow(row));
  for (const row of store.loadCounters()) state.counters.set(row.id, counterFromRow(row));
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
  rebuildIssueKeys(state);
  return state;
}
