import type { Route } from '../route';
import { locale } from '../store';
import { STRINGS, type StringKey } from '../strings';
import { CASE_STRINGS, type CaseStringKey } from './cases';

/** A tab's name: the shared table's `nav_<route>`, or an area's own strings module. */
export function navLabel(r: Route): string {
  const key = `nav_${r}`;
  const own = STRINGS[locale.value] as Record<string, string>;
  if (key in own) return own[key as StringKey] ?? key;
  return CASE_STRINGS[locale.value][key as CaseStringKey] ?? key;
}
