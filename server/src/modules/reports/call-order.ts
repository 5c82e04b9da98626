import { callOrderByClerk, outOfOrderCalls } from '../../core/out-of-order.js';
import { ticketDetails } from './day-facts.js';
import type { ReportsEngine } from './engine.js';
import type { Column } from './export.js';
import { datesBetween, localDateTime } from './period.js';
import type { CallOrderReport, CallOrderRow, Label, Lang, Period } from './protocol.js';

/**
 * Out-of-order calls per clerk (core/out-of-order.ts) over a period, day by day from the raw
 * events: a call is weighed against the tickets waiting at the same moment, which no daily
 * cell can hold. The counter's current work profile says which waiting tickets it could serve.
 */
export function callOrderReport(engine: ReportsEngine, q: Period): CallOrderReport {
  const { ctx, labels } = engine.context(q);
  const clerks = new Map<string, CallOrderReport['clerks'][number]>();
  const calls: CallOrderRow[] = [];
  for (const day of datesBetween(q.from, q.to)) {
    const details = engine.reads.snapshot(() =>
      ticketDetails(
        engine.reads.dayTickets(ctx.branchId, day),
        engine.reads.dayEvents(ctx.branchId, day),
        [],
      ),
    );
    const code = new Map(details.map((d) => [d.row.id, d.row.code]));
    const legs = details.flatMap((d) => d.legs);
    const out = outOfOrderCalls(legs, ctx.profiles);
    for (const r of callOrderByClerk(legs, out)) {
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
    for (const c of out) {
      calls.push({
        businessDay: day,
        ticketId: c.ticketId,
        code: code.get(c.ticketId) ?? '',
        serviceId: c.serviceId,
        service: labels.of('service', c.serviceId),
        counterId: c.counterId,
        counter: labels.of('counter', c.counterId),
        clerkId: c.clerkId,
        clerk: c.clerkId ? labels.of('clerk', c.clerkId) : null,
        calledAt: localDateTime(c.calledAt, ctx.timezone) ?? '',
        rule: c.rule,
        ruleLabel: ruleLabel(c.rule),
        olderWaiting: c.olderWaiting,
        oldestTicketId: c.oldestTicketId,
        oldestCode: code.get(c.oldestTicketId) ?? '',
        oldestWaitedSeconds: c.oldestWaitedSeconds,
      });
    }
  }
  const rows = [...clerks.values()].sort((a, b) => (a.clerkId < b.clerkId ? -1 : 1));
  return { from: q.from, to: q.to, timezone: ctx.timezone, clerks: rows, calls };
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
