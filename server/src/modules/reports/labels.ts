import type { ReportCounter, ReportService, ReportUser } from '@guichet/db';
import type { Label } from './protocol.js';

/** Row labels in both languages, from the services, counters and users tables. */
export interface Labels {
  of(kind: string, key: string): Label;
  total: Label;
}

const WEEKDAYS_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAYS_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const same = (s: string): Label => ({ 'zh-CN': s, en: s });

function hourLabel(hh: string): Label {
  const next = String(Number(hh) + 1).padStart(2, '0');
  return same(`${hh}:00–${next}:00`);
}

export function labelsOf(
  services: readonly ReportService[],
  counters: readonly ReportCounter[],
  users: readonly ReportUser[],
): Labels {
  const service = new Map(services.map((s) => [s.id, { 'zh-CN': s.nameZh, en: s.nameEn }]));
  const counter = new Map(
    counters.map((c) => [
      c.id,
      { 'zh-CN': `${c.number}号窗口 ${c.nameZh}`, en: `Window ${c.number} ${c.nameEn}` },
    ]),
  );
  const clerk = new Map(users.map((u) => [u.id, same(u.displayName || u.username)]));
  return {
    total: { 'zh-CN': '合计', en: 'Total' },
    of(kind, key) {
      if (key === 'total') return this.total;
      switch (kind) {
        case 'hour':
          return hourLabel(key);
        case 'weekday-hour': {
          const [wd, hh] = key.split('-');
          const h = hourLabel(hh ?? '00');
          const w = Number(wd);
          return { 'zh-CN': `${WEEKDAYS_ZH[w]} ${h['zh-CN']}`, en: `${WEEKDAYS_EN[w]} ${h.en}` };
        }
        case 'service':
          return service.get(key) ?? same(key);
        case 'counter':
          return counter.get(key) ?? same(key);
        case 'clerk':
          return clerk.get(key) ?? same(key);
        default:
          return same(key);
      }
    },
  };
}
