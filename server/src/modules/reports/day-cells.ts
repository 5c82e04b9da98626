import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EventRow, RateCount } from '@guichet/db';
import type { Leg } from '../../core/legs.js';
import {
  type ClerkCallOrder,
  callOrderByClerk,
  type OutOfOrderCall,
  outOfOrderCalls,
} from '../../core/out-of-order.js';
import { giveWay } from './give-way.js';

/**
 * A day's call order, window opening and 好差评 counts as cells of the rollup cache, so a year
 * of them is read rather than recomputed from a year of raw events:
 *
 * - `order` (key `day`): the per-clerk call counts of the day and the work profiles they were
 *   weighed against (a changed profile makes the day stale: it is rolled up again);
 * - `order-calls` (key `day`): the day's out-of-order calls, read only for the page asked for;
 * - `open-rate` (key `day`): the counters' opens and closes of the day in log order. The
 *   scheduled hours are applied at report time, so a change of opening hours or exceptions
 *   counts for past days exactly as the raw computation does;
 * - `rates-{total,counter,clerk,service,channel}`: served, given ratings by level and "not
 *   rated" per key, additive across days (the report's keys: '-' for none; the channel of a
 *   served ticket is '-', a timed-out pad is 'pad').
 */
export interface OrderDay {
  profiles: string;
  clerks: ClerkCallOrder[];
  /** How many out-of-order calls the day's `order-calls` cell holds. */
  calls: number;
}
export type OrderCall = OutOfOrderCall & { businessDay: string; code: string; oldestCode: string };
export type OpenEvent = [counterId: string, opened: 0 | 1, at: number, reason: string | null];

interface Cell {
  day: string;
  family: string;
  key: string;
  data: Buffer;
}
const json = (day: string, family: string, value: unknown): Cell => ({
  day,
  family,
  key: 'day',
  data: Buffer.from(JSON.stringify(value)),
});
export const parseCell = <T>(data: Buffer): T => JSON.parse(data.toString()) as T;

/** The profiles as one text: equal texts, equal weighing of calls. */
export function profilesKey(profiles: ReadonlyMap<string, ReadonlySet<string>>): string {
  return JSON.stringify([...profiles].map(([c, s]) => [c, [...s].sort()]).sort());
}

export function orderCells(
  day: string,
  legs: readonly Leg[],
  codes: ReadonlyMap<string, string>,
  profiles: ReadonlyMap<string, ReadonlySet<string>>,
): Cell[] {
  const out = outOfOrderCalls(legs, profiles);
  const order: OrderDay = {
    profiles: profilesKey(profiles),
    clerks: callOrderByClerk(legs, out),
    calls: out.length,
  };
  const calls: OrderCall[] = out.map((c) => ({
    ...c,
    businessDay: day,
    code: codes.get(c.ticketId) ?? '',
    oldestCode: codes.get(c.oldestTicketId) ?? '',
  }));
  // A busy day holds thousands of them: deflated, a year is tens of MiB rather than hundreds.
  const packed = deflateRawSync(JSON.stringify(calls.map(packCall)));
  return [json(day, 'order', order), { day, family: 'order-calls', key: 'day', data: packed }];
}

const CALL_FIELDS = [
  'ticketId',
  'code',
  'serviceId',
  'counterId',
  'clerkId',
  'calledAt',
  'rule',
  'olderWaiting',
  'oldestTicketId',
  'oldestCode',
  'oldestWaitedSeconds',
] as const;
const packCall = (c: OrderCall) => CALL_FIELDS.map((f) => c[f]);

/** A day's out-of-order calls from its `order-calls` cell. */
export function unpackCalls(day: string, data: Buffer): OrderCall[] {
  const text = inflateRawSync(data).toString();
  giveWay();
  const rows = JSON.parse(text) as unknown[][];
  return rows.map((r) => {
    giveWay();
    return Object.fromEntries([['businessDay', day], ...CALL_FIELDS.map((f, i) => [f, r[i]])]) as OrderCall;
  });
}

export function openRateCell(day: string, counterRows: readonly EventRow[]): Cell {
  const events: OpenEvent[] = [];
  for (const e of counterRows) {
    if (!e.counterId || (e.type !== 'counter.opened' && e.type !== 'counter.closed')) continue;
    events.push([e.counterId, e.type === 'counter.opened' ? 1 : 0, e.at, e.reason]);
  }
  return json(day, 'open-rate', events);
}

/** served, levels 1…5, not rated. */
export const RATE_SLOTS = 7;
export const RATE_BY = ['counter', 'clerk', 'service', 'channel'] as const;

export function rateCells(day: string, counts: readonly RateCount[]): Cell[] {
  const cells = new Map<string, Uint32Array>([['rates-total|total', new Uint32Array(RATE_SLOTS)]]);
  const add = (family: string, key: string, slot: number, n: number) => {
    const k = `${family}|${key}`;
    let a = cells.get(k);
    if (!a) {
      a = new Uint32Array(RATE_SLOTS);
      cells.set(k, a);
    }
    a[slot]! += n;
  };
  for (const c of counts) {
    const slot = c.kind === 'served' ? 0 : c.kind === 'not-rated' ? 6 : c.score!;
    const channel = c.kind === 'served' ? '-' : c.source === 'timeout' ? 'pad' : (c.source ?? '-');
    add('rates-total', 'total', slot, c.n);
    add('rates-counter', c.counterId ?? '-', slot, c.n);
    add('rates-clerk', c.clerkId ?? '-', slot, c.n);
    add('rates-service', c.serviceId ?? '-', slot, c.n);
    add('rates-channel', channel, slot, c.n);
  }
  return [...cells].map(([k, a]) => {
    const bar = k.indexOf('|');
    return { day, family: k.slice(0, bar), key: k.slice(bar + 1), data: Buffer.from(a.buffer) };
  });
}

export function rateCounts(data: Buffer): Uint32Array {
  return new Uint32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** For days archived before these families existed: the family whose cell says the day has them. */
export const MARKER: Record<string, string> = {
  order: 'order',
  'order-calls': 'order',
  'open-rate': 'open-rate',
  'rates-total': 'rates-total',
  'rates-counter': 'rates-total',
  'rates-clerk': 'rates-total',
  'rates-service': 'rates-total',
  'rates-channel': 'rates-total',
};
