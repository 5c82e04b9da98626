import { levelMap } from './routing.js';
import type { QueueState } from './state.js';
import type { Service } from './types.js';

/**
 * Estimated wait for the next person to join a queue, given the people ahead of them.
 *
 * minutes = ahead × service time ÷ capacity (+ half a service when no counter is free), where
 *  - service time is the mean of recent real durations (start → finish) for the service,
 *    blended with the configured default while there are few samples;
 *  - capacity counts the counters that are open for the service under their work profiles: a
 *    counter for which the service is at its best level that has work counts 1 ÷ the number of
 *    such services with waiting tickets; a counter that serves it at a lower level counts 0.2.
 *    With no open counter, the configured counters count as if opened (the hall will open them).
 * The range shown to citizens is −20 % … +25 %, at least one minute wide.
 */
export interface WaitEstimate {
  minutes: number | null;
  low: number | null;
  high: number | null;
}

const FULL_CONFIDENCE_SAMPLES = 10;

export function serviceMinutes(state: QueueState, service: Service): number {
  const samples = state.serviceDurations.get(service.id) ?? [];
  if (samples.length === 0) return service.defaultServiceMinutes;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length / 60_000;
  const weight = Math.min(1, samples.length / FULL_CONFIDENCE_SAMPLES);
  return weight * mean + (1 - weight) * service.defaultServiceMinutes;
}

export function capacityFor(state: QueueState, service: Service): { capacity: number; anyIdle: boolean } {
  const waitingServices = new Set<string>([service.id]);
  for (const [serviceId, queue] of state.waiting) if (queue.size > 0) waitingServices.add(serviceId);
  let capacity = 0;
  let configured = 0;
  let anyIdle = false;
  for (const c of state.counters.values()) {
    if (c.branchId !== service.branchId) continue;
    const levels = levelMap(c);
    const level = levels.get(service.id);
    if (level === undefined) continue;
    configured++;
    if (c.state === 'closed') continue;
    if (c.state === 'idle') anyIdle = true;
    let best = Number.POSITIVE_INFINITY;
    for (const [sid, l] of levels) if (waitingServices.has(sid)) best = Math.min(best, l);
    if (level <= best) {
      let peers = 0;
      for (const [sid, l] of levels) if (l === level && waitingServices.has(sid)) peers++;
      capacity += 1 / Math.max(1, peers);
    } else {
      capacity += 0.2;
    }
  }
  if (capacity === 0 && configured > 0) capacity = configured;
  return { capacity, anyIdle };
}

export function estimateWait(state: QueueState, service: Service, ahead: number): WaitEstimate {
  const { capacity, anyIdle } = capacityFor(state, service);
  if (capacity === 0) return { minutes: null, low: null, high: null };
  const perPerson = serviceMinutes(state, service);
  const raw = (ahead * perPerson) / capacity + (anyIdle ? 0 : perPerson / (2 * capacity));
  const minutes = Math.round(raw);
  const low = Math.max(0, Math.floor(raw * 0.8));
  const high = Math.max(low + 1, Math.ceil(raw * 1.25));
  return { minutes, low, high };
}
