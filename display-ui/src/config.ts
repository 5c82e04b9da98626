import type { BranchView, CallView, Locale, ServiceView } from '@guichet/server/protocol';

/** `device.config` of a display device, as the admin sets it; every field is optional. */
export interface DisplayConfigInput {
  services?: string[];
  counters?: string[];
  layout?: 'landscape' | 'portrait';
  locales?: Locale[];
  voice?: { enabled?: boolean; repeat?: number };
}

export interface DisplayConfig {
  /** Service ids (or prefixes) shown; null = all. */
  services: string[] | null;
  /** Counter ids shown; null = all. */
  counters: string[] | null;
  layout: 'landscape' | 'portrait';
  /** null = the branch's locales. */
  locales: Locale[] | null;
  voice: { enabled: boolean; repeat: number };
}

const KNOWN_LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Reads whatever the server stored, tolerating missing or malformed fields (never throws). */
export function resolveConfig(raw: unknown): DisplayConfig {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const list = (v: unknown) =>
    Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  const locales = list(c.locales)?.filter((l): l is Locale => KNOWN_LOCALES.includes(l as Locale));
  const voice = (c.voice && typeof c.voice === 'object' ? c.voice : {}) as Record<string, unknown>;
  const repeat = typeof voice.repeat === 'number' && Number.isFinite(voice.repeat) ? voice.repeat : 1;
  return {
    services: list(c.services),
    counters: list(c.counters),
    layout: c.layout === 'portrait' ? 'portrait' : 'landscape',
    locales: locales && locales.length > 0 ? locales : null,
    voice: {
      enabled: voice.enabled !== false,
      repeat: Math.max(1, Math.min(5, Math.round(repeat))),
    },
  };
}

export function localesOf(config: DisplayConfig, branch: BranchView | null | undefined): Locale[] {
  if (config.locales) return config.locales;
  if (branch && branch.locales.length > 0) return branch.locales;
  return ['zh-CN'];
}

export function showsService(config: DisplayConfig, s: Pick<ServiceView, 'id' | 'prefix'>): boolean {
  return !config.services || config.services.includes(s.id) || config.services.includes(s.prefix);
}

export function showsCall(config: DisplayConfig, call: CallView, services: ServiceView[]): boolean {
  if (config.counters && !config.counters.includes(call.counterId)) return false;
  if (!config.services) return true;
  if (config.services.includes(call.serviceId)) return true;
  const service = services.find((s) => s.id === call.serviceId);
  return service ? config.services.includes(service.prefix) : false;
}
