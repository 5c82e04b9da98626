import type { Locale } from '@guichet/server/protocol';

/** The supervisor's alert strip in both languages (what an alert says is the kit's `alertText`). */
const zh = {
  title: '本厅告警（{n} 条未解除）',
  notLive: '告警连接中断，可能不是最新',
  more: '另有 {n} 条，请在管理端“实时监控”查看',
  acknowledge: '确认',
  acknowledgedBy: '{name} 已确认',
};
export type AlertStringKey = keyof typeof zh;
export const ALERT_STRINGS: Record<Locale, Record<AlertStringKey, string>> = {
  'zh-CN': zh,
  en: {
    title: 'Hall alerts ({n} open)',
    notLive: 'alerts disconnected, may be out of date',
    more: '{n} more: see the live monitor in the manager area',
    acknowledge: 'Acknowledge',
    acknowledgedBy: 'Acknowledged by {name}',
  },
};
