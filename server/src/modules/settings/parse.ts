import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Branch, EmergencyNotice, WorkProfile } from '../../core/index.js';
import {
  BranchSettingsSchema,
  DEVICE_CONFIG_SCHEMAS,
  type DeviceConfigKind,
  type DeviceConfigOf,
  EmergencyNoticeSchema,
  WorkProfileSchema,
} from '../../protocol/settings.js';

/** Branch settings stored as JSON next to the name and zone. */
export type BranchSettings = Omit<Branch, 'id' | 'name' | 'timezone'>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const compiled = new Map<TSchema, ReturnType<typeof Compile>>();

/** Checks stored JSON against its schema; the problem names the first few wrong fields. */
function parse<S extends TSchema>(schema: S, raw: unknown): Parsed<Static<S>> {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  if (validator.Check(raw)) return { ok: true, value: raw as Static<S> };
  const problems = [...validator.Errors(raw)]
    .slice(0, 3)
    .map(
      (e) =>
        `${(e as { instancePath?: string }).instancePath || '/'} ${(e as { message?: string }).message ?? 'is invalid'}`,
    );
  return { ok: false, problem: problems.join('; ') || 'does not match its schema' };
}

export const parseBranchSettings = (raw: unknown): Parsed<BranchSettings> =>
  parse(BranchSettingsSchema, raw) as Parsed<BranchSettings>;

export const parseWorkProfile = (raw: unknown): Parsed<WorkProfile> =>
  parse(WorkProfileSchema, raw) as Parsed<WorkProfile>;

export const parseEmergency = (raw: unknown): Parsed<EmergencyNotice | null> =>
  raw === null || raw === undefined ? { ok: true, value: null } : parse(EmergencyNoticeSchema, raw);

const isDeviceKind = (kind: string): kind is DeviceConfigKind => kind in DEVICE_CONFIG_SCHEMAS;

export function parseDeviceConfig<K extends DeviceConfigKind>(
  kind: K,
  raw: unknown,
): Parsed<DeviceConfigOf<K>>;
export function parseDeviceConfig(kind: string, raw: unknown): Parsed<unknown>;
export function parseDeviceConfig(kind: string, raw: unknown): Parsed<unknown> {
  if (!isDeviceKind(kind)) return { ok: false, problem: `unknown device kind ${kind}` };
  return parse(DEVICE_CONFIG_SCHEMAS[kind], raw);
}

/** For writes: a value that does not match its schema is a programming or input error. */
export function mustParse<T>(parsed: Parsed<T>, what: string): T {
  if (!parsed.ok) throw new Error(`${what}: ${parsed.problem}`);
  return parsed.value;
}
