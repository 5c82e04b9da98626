import type { BranchView, CallView, CounterView, Locale, ServiceView } from '@guichet/server/protocol';
import type { VoiceEngine } from './voice/engine.js';

/** `board`: the latest call large with the recent calls; `grid`: every counter with its ticket (综合屏). */
export type Layout = 'board' | 'grid';
export type Orientation = 'landscape' | 'portrait';

/** `device.config` of a display device, as the admin sets it; every field is optional. */
export interface DisplayConfigInput {
  services?: string[];
  counters?: string[];
  /** 'landscape' and 'portrait' (older configs) mean the board layout in that orientation. */
  layout?: Layout | Orientation;
  /** Default: from the screen's shape. */
  orientation?: Orientation | 'auto';
  locales?: Locale[];
  voice?: { enabled?: boolean; repeat?: number; engine?: VoiceEngine };
}

export interface DisplayConfig {
  /** Service ids (or prefixes) shown; null = all. */
  services: string[] | null;
  /** Counter ids shown; null = all. */
  counters: string[] | null;
  layout: Layout;
  orientation: Orientation | 'auto';
  /** null = the branch's locales. */
  locales: Locale[] | null;
  voice: { enabled: boolean; repeat: number; engine: VoiceEngine };
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
    layout: c.layout === 'grid' ? 'grid' : 'board',
    orientation:
      c.orientation === 'landscape' || c.orientation === 'portrait'
        ? c.orientation
        : c.layout === 'landscape' || c.layout === 'portrait'
          ? c.layout
          : 'auto',
    locales: locales && locales.length > 0 ? locales : null,
    voice: {
      enabled: voice.enabled !== false,
      repeat: Math.max(1, Math.min(5, Math.round(repeat))),
      engine: voice.engine === 'browser' ? 'browser' : 'clips',
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

/** A counter is shown if listed (or no list), and serves at least one shown service (or no list). */
export function showsCounter(config: DisplayConfig, c: CounterView, services: ServiceView[]): boolean {
  if (config.counters && !config.counters.includes(c.id)) return false;
  if (!config.services) return true;
  return c.services.some((p) => {
    const s = services.find((x) => x.id === p.serviceId);
    return s ? showsService(config, s) : config.services?.includes(p.serviceId);
  });
}
