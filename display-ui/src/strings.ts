import type { Locale } from '@guichet/server/protocol';

/**
 * Every text the board shows, per locale. Templates use `{name}` placeholders because word order
 * differs ("3 号窗口" / "Counter 3"). A test keeps the key sets equal and every value non-empty.
 */
const zhCN = {
  nowCalling: '正在呼叫',
  pleaseGoTo: '请到',
  counterLabel: '{n} 号窗口',
  recentCalls: '最近呼叫',
  noCallsYet: '暂无呼叫',
  waitingHeader: '排队情况',
  waitingCount: '{n} 人等候',
  waitRange: '约 {lo}–{hi} 分钟',
  waitMinutes: '约 {m} 分钟',
  waitUnknown: '—',
  waitAfterClosing: '今日可能办理不到',
  serviceClosed: '暂停取号',
  offline: '离线 · 正在重新连接',
  connecting: '正在连接…',
  enableSound: '启用声音',
  enableSoundHint: '浏览器在点击屏幕前不允许播放声音，请点击一次',
  notPaired: '本屏尚未配对：请用管理员提供的配对链接打开',
  pairingRejected: '配对无效或已撤销，请重新配对本屏',
  pairingCodeRefused: '配对码已过期或已使用：请在管理后台“设备”页重新生成配对码',
  emergency: '紧急通知',
  voiceUnavailable: '无法语音播报',
  counters: '窗口',
  counterNumber: '{n} 号',
  state_closed: '未开放',
  state_idle: '空闲',
  state_calling: '呼叫中',
  state_serving: '办理中',
  state_paused: '暂停服务',
} as const;

export type StringKey = keyof typeof zhCN;
export type Strings = Record<StringKey, string>;

const en: Strings = {
  nowCalling: 'Now calling',
  pleaseGoTo: 'Please go to',
  counterLabel: 'Counter {n}',
  recentCalls: 'Recent calls',
  noCallsYet: 'No calls yet',
  waitingHeader: 'Queues',
  waitingCount: '{n} waiting',
  waitRange: '{lo}–{hi} min',
  waitMinutes: '~{m} min',
  waitUnknown: '—',
  waitAfterClosing: 'May not be served today',
  serviceClosed: 'Not issuing',
  offline: 'Offline · reconnecting',
  connecting: 'Connecting…',
  enableSound: 'Enable sound',
  enableSoundHint: 'The browser blocks sound until the screen is tapped once',
  notPaired: 'This screen is not paired: open the pairing link from an administrator',
  pairingRejected: 'The pairing is invalid or revoked: pair this screen again',
  pairingCodeRefused:
    'This pairing code has expired or was used: make a new one on the Devices page of the manager area',
  emergency: 'Emergency notice',
  voiceUnavailable: 'Voice unavailable',
  counters: 'Counters',
  counterNumber: 'No. {n}',
  state_closed: 'Closed',
  state_idle: 'Open',
  state_calling: 'Calling',
  state_serving: 'Serving',
  state_paused: 'Paused',
};

export const STRINGS: Record<Locale, Strings> = { 'zh-CN': zhCN, en };

export function t(locale: Locale, key: StringKey, vars?: Record<string, string | number>): string {
  const template = STRINGS[locale][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
