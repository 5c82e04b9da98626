import { type OrderCall, type OrderDay, parseCell, profilesKey, unpackCalls } from './day-cells.js';
import type { ReportsEngine } from './engine.js';
import type { Column } from './export.js';
import { giveWay } from './give-way.js';
import { localDateTime } from './period.js';
import type { CallOrderQuery, CallOrderReport, CallOrderRow, Label, Lang, Period } from './protocol.js';
import { loadCells } from './rollups.js';
import { DEFAULT_PAGE, decodeCursor, encodeCursor, MAX_PAGE } from './tickets.js';

/**
 * Out-of-order calls per clerk (core/out-of-order.ts) over a period. A call is weighed against
 * the tickets waiting at the same moment, which only the day's raw events say: each closed day
 * is weighed once, when it is rolled up (day-cells.ts `order`, `order-calls`), today from raw
 * events. The counter's current work profile says which waiting tickets it could serve: a day
 * weighed with other profiles is rolled up again. The per-clerk totals cover the whole period;
 * the calls come a page at a time (cursor: the day and the index of the last call returned).
 */
export function callOrderReport(engine: ReportsEngine, q: CallOrderQuery): CallOrderReport {
  const { ctx, labels } = engine.context(q);
  const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_PAGE), MAX_PAGE);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  let days = orderDays(engine, ctx, q);
  const current = profilesKey(ctx.profiles);
  const stale = [...days].filter(([day, o]) => o.profiles !== current && day < ctx.firstOpenDay);
  if (stale.length) {
    for (const [day] of stale) engine.rollups.dropDay(ctx.branchId, day);
    days = orderDays(engine, ctx, q);
  }
  const clerks = new Map<string, CallOrderReport['clerks'][number]>();
  let total = 0;
  for (const o of days.values()) {
    giveWay();
    total += o.calls;
    for (const r of o.clerks) {
      const c = clerks.get(r.clerkId) ?? {
        clerkId: r.clerkId,
        label: labels.of('clerk', r.clerkId),
        calls: 0,
        outOfOrder: 0,
        byRule: {},
      };
      c.calls += r.calls;
      c.outOfOrder += r.outOfOrder;
      for (const [rule, n] of Object.entries(r.byRule)) c.byRule[rule] = (c.byRule[rule] ?? 0) + n;
      clerks.set(r.clerkId, c);
    }
  }
  // The page: the days holding its calls, read alone (a year of calls is tens of thousands).
  const want: string[] = [];
  let room = limit;
  for (const [day, o] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (room <= 0) break;
    if (o.calls === 0 || (after && day < after.day)) continue;
    const skip = after && day === after.day ? after.rowid + 1 : 0;
    if (o.calls <= skip) continue;
    want.push(day);
    room -= o.calls - skip;
  }
  const calls: CallOrderRow[] = [];
  let nextCursor: string | null = null;
  if (want.length) {
    const { cells } = loadCells(engine.reads, engine.rollups, ctx, want[0]!, want.at(-1)!, ['order-calls']);
    cells.sort((a, b) => (a.day < b.day ? -1 : 1));
    for (const c of cells) {
      giveWay();
      if (!want.includes(c.day)) continue;
      const list = unpackCalls(c.day, c.data);
      for (let i = after && c.day === after.day ? after.rowid + 1 : 0; i < list.length; i++) {
        if (calls.length === limit) break;
        calls.push(rowOf(list[i]!, ctx.timezone, labels));
        nextCursor = encodeCursor(c.day, i);
      }
    }
  }
  if (calls.length < limit || !moreAfter(days, nextCursor)) nextCursor = null;
  const rows = [...clerks.values()].sort((a, b) => (a.clerkId < b.clerkId ? -1 : 1));
  return {
    from: q.from,
    to: q.to,
    timezone: ctx.timezone,
    clerks: rows,
    totalCalls: total,
    calls,
    nextCursor,
  };
}

function orderDays(engine: ReportsEngine, ctx: Parameters<typeof loadCells>[2], q: Period) {
  const { cells } = loadCells(engine.reads, engine.rollups, ctx, q.from, q.to, ['order']);
  return new Map(
    cells.map((c) => {
      giveWay();
      return [c.day, parseCell<OrderDay>(c.data)];
    }),
  );
}

/** Whether any call comes after the cursor (a full last page has no next one). */
function moreAfter(days: ReadonlyMap<string, OrderDay>, cursor: string | null): boolean {
  if (cursor === null) return false;
  const at = decodeCursor(cursor);
  for (const [day, o] of days)
    if (day > at.day ? o.calls > 0 : day === at.day && o.calls > at.rowid + 1) return true;
  return false;
}

function rowOf(
  c: OrderCall,
  tz: string,
  labels: ReturnType<ReportsEngine['context']>['labels'],
): CallOrderRow {
  return {
    businessDay: c.businessDay,
    ticketId: c.ticketId,
    code: c.code,
    serviceId: c.serviceId,
    service: labels.of('service', c.serviceId),
    counterId: c.counterId,
    counter: labels.of('counter', c.counterId),
    clerkId: c.clerkId,
    clerk: c.clerkId ? labels.of('clerk', c.clerkId) : null,
    calledAt: localDateTime(c.calledAt, tz) ?? '',
    rule: c.rule,
    ruleLabel: ruleLabel(c.rule),
    olderWaiting: c.olderWaiting,
    oldestTicketId: c.oldestTicketId,
    oldestCode: c.oldestCode,
    oldestWaitedSeconds: c.oldestWaitedSeconds,
  };
}

const RULES: Record<string, Label> = {
  counter_transfer: { 'zh-CN': '转至本窗口', en: 'Transferred to this counter' },
  priority_class: { 'zh-CN': '优先/预约', en: 'Priority or appointment' },
  overdue_rule: { 'zh-CN': '超时优先规则', en: 'Overdue rule' },
  level_fifo: { 'zh-CN': '窗口业务级别', en: "Counter's service level" },
  manual: { 'zh-CN': '指定呼叫', en: 'Called by hand' },
  callback: { 'zh-CN': '回呼', en: 'Called back' },
};
export const ruleLabel = (rule: string): Label => RULES[rule] ?? { 'zh-CN': rule, en: rule };

export const CALL_ORDER_COLUMNS: Column<CallOrderRow>[] = [
  { zh: '业务日', en: 'Business day', value: (r) => r.businessDay },
  { zh: '叫号时间', en: 'Called', value: (r) => r.calledAt },
  { zh: '票号', en: 'Ticket', value: (r) => r.code },
  { zh: '事项', en: 'Service', value: (r, lang: Lang) => r.service[lang] },
  { zh: '窗口', en: 'Counter', value: (r, lang: Lang) => r.counter[lang] },
  { zh: '工作人员', en: 'Clerk', value: (r, lang: Lang) => r.clerk?.[lang] ?? null },
  { zh: '规则', en: 'Rule', value: (r) => r.rule },
  { zh: '规则说明', en: 'Rule label', value: (r, lang: Lang) => r.ruleLabel[lang] },
  { zh: '更早等候人数', en: 'Older waiting', value: (r) => r.olderWaiting },
  { zh: '最早等候票号', en: 'Oldest waiting', value: (r) => r.oldestCode },
  { zh: '其已等候(秒)', en: 'It had waited (s)', value: (r) => r.oldestWaitedSeconds },
  { zh: '票ID', en: 'Ticket id', value: (r) => r.ticketId },
];
