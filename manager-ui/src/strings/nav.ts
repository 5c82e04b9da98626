import type { Locale } from '@guichet/server/protocol';
import type { NavGroup, Route } from '../route';
import { locale } from '../store';
import { STRINGS, type StringKey } from '../strings';
import { ALERT_RULES_STRINGS } from './alert-rules';
import { CASE_STRINGS, type CaseStringKey } from './cases';
import { MONITOR_STRINGS } from './monitor';

/** The nav's group names in both languages (the screens keep their own nav_<route> words). */
export const NAV_STRINGS: Record<Locale, Record<`group_${NavGroup}` | 'navGroups' | 'navScreens', string>> = {
  'zh-CN': {
    group_hall: '大厅',
    group_reports: '报表',
    group_ratings: '好差评',
    group_config: '配置',
    navGroups: '管理区域',
    navScreens: '本区域页面',
  },
  en: {
    group_hall: 'Hall',
    group_reports: 'Reports',
    group_ratings: 'Ratings & cases',
    group_config: 'Configuration',
    navGroups: 'Manager areas',
    navScreens: 'Screens in this area',
  },
};

export const tn = (key: keyof (typeof NAV_STRINGS)['en']): string => NAV_STRINGS[locale.value][key];

/** A tab's name: the shared table's `nav_<route>`, or an area's own strings module. */
export function navLabel(r: Route): string {
  const key = `nav_${r}`;
  const own = STRINGS[locale.value] as Record<string, string>;
  if (key in own) return own[key as StringKey] ?? key;
  if (r === 'monitor') return MONITOR_STRINGS[locale.value].nav_monitor;
  if (r === 'alert-rules') return ALERT_RULES_STRINGS[locale.value]['nav_alert-rules'];
  return CASE_STRINGS[locale.value][key as CaseStringKey] ?? key;
}
