import Type, { type Static } from 'typebox';

/**
 * Schemas of the JSON the hall configuration stores: a branch's settings, a counter's work
 * profile, the emergency notice, and each device kind's config. The server validates them when
 * it writes a row and when it reads one; the configuration API and the manager UI use the same.
 */

const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const Localized = Type.Object({ 'zh-CN': Type.String(), en: Type.String() }, { additionalProperties: false });
const LocalTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
const Interval = Type.Object({ open: LocalTime, close: LocalTime }, { additionalProperties: false });
const Intervals = Type.Array(Interval, { maxItems: 8 });
const Count = (max: number) => Type.Integer({ minimum: 0, maximum: max });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const WeeklyHoursSchema = Type.Object(
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), Type.Optional(Intervals)])) as Record<
    '1' | '2' | '3' | '4' | '5' | '6' | '7',
    Type.TOptional<typeof Intervals>
  >,
  { additionalProperties: false },
);
const Exceptions = Type.Array(
  Type.Object(
    {
      date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      intervals: Intervals,
      note: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  { maxItems: 400 },
);
/** The address line printed on tickets; an empty language prints nothing. */
export const Address = Type.Object(
  { 'zh-CN': Type.String({ maxLength: 120 }), en: Type.String({ maxLength: 120 }) },
  { additionalProperties: false },
);
export const ServiceHoursSchema = Type.Object(
  { hours: Type.Optional(WeeklyHoursSchema), issueCutoffMinutes: Type.Optional(Count(240)) },
  { additionalProperties: false },
);
const ReasonLabel = Type.String({ minLength: 1, maxLength: 60 });
export const ReasonCodeSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' }),
    label: Type.Object({ 'zh-CN': ReasonLabel, en: ReasonLabel }, { additionalProperties: false }),
    retired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const Reasons = Type.Array(ReasonCodeSchema, { maxItems: 30 });

export const BranchSettingsSchema = Type.Object(
  {
    locales: Type.Array(Locale, { minItems: 1, maxItems: 2 }),
    defaultLocale: Locale,
    /** ISO weekday 1 (Monday) … 7 (Sunday) → opening intervals; a missing day is closed. */
    hours: WeeklyHoursSchema,
    exceptions: Exceptions,
    issueCutoffMinutes: Count(240),
    noShowAfterRecalls: Count(10),
    reinstatePlacesBack: Count(100),
    ewtSampleSize: Type.Integer({ minimum: 1, maximum: 1000 }),
    address: Type.Optional(Address),
    holidays: Type.Optional(Type.Union([Type.Literal('cn'), Type.Literal('none')])),
    ownExceptions: Type.Optional(Exceptions),
    serviceHours: Type.Optional(Type.Record(Id, ServiceHoursSchema)),
    counterHours: Type.Optional(Type.Record(Id, WeeklyHoursSchema)),
    pauseReasons: Type.Optional(Reasons),
    closeReasons: Type.Optional(Reasons),
  },
  { additionalProperties: false },
);
export type BranchSettingsConfig = Static<typeof BranchSettingsSchema>;

export const WorkProfileSchema = Type.Object(
  {
    services: Type.Array(Type.Object({ serviceId: Id, level: Type.Integer({ minimum: 1, maximum: 9 }) }), {
      maxItems: 50,
    }),
    rules: Type.Array(
      Type.Object({
        kind: Type.Literal('overdue'),
        serviceId: Id,
        minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
      }),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

export const EmergencyNoticeSchema = Type.Object(
  { message: Localized, stopIssuing: Type.Boolean(), since: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

const PrintStyle = {
  paper: Type.Optional(Type.Union([Type.Literal('80mm'), Type.Literal('58mm')])),
  chinese: Type.Optional(Type.Union([Type.Literal('native'), Type.Literal('image'), Type.Literal('none')])),
  imageFont: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  /** A ticket held (out of paper, offline) longer than this is reported to staff as not printed; default 10 min. */
  maxHoldMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 86_400_000 })),
};
export const PrinterConfigSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('tcp'),
      host: Type.String({ minLength: 1, maxLength: 253 }),
      port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
      ...PrintStyle,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('serial'),
      path: Type.String({ minLength: 1, maxLength: 500 }),
      baudRate: Type.Optional(Type.Integer({ minimum: 300, maximum: 921600 })),
      ...PrintStyle,
    },
    { additionalProperties: false },
  ),
  /** The demo hall's built-in simulator (or GUICHET_DEMO_PRINTER). */
  Type.Object(
    { kind: Type.Literal('demo'), maxHoldMs: PrintStyle.maxHoldMs },
    { additionalProperties: false },
  ),
]);
export type PrinterConfig = Static<typeof PrinterConfigSchema>;

export const KioskConfigSchema = Type.Object(
  { printer: Type.Optional(PrinterConfigSchema) },
  { additionalProperties: false },
);

/** Read by the hall board (display-ui resolves missing fields to its defaults). */
export const DisplayConfigSchema = Type.Object(
  {
    layout: Type.Optional(Type.Union([Type.Literal('landscape'), Type.Literal('portrait')])),
    services: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    counters: Type.Optional(Type.Array(Id, { maxItems: 500 })),
    locales: Type.Optional(Type.Array(Locale, { maxItems: 2 })),
    voice: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PadConfigSchema = Type.Object({}, { additionalProperties: false });

export const LedConfigSchema = Type.Object(
  {
    bus: Type.Object(
      {
        path: Type.String({ minLength: 1, maxLength: 500 }),
        protocol: Type.Union([Type.Literal('qlp1'), Type.Literal('modbus-led485'), Type.Literal('qsystem')]),
        baudRate: Type.Optional(Type.Integer({ minimum: 300, maximum: 921600 })),
        /** Character cells on the panels of this bus (Modbus, QSystem); the bus's first display sets it. */
        width: Type.Optional(Type.Integer({ minimum: 4, maximum: 8 })),
        /** A ticket code too long for the panel: its number without the letter, or dashes. */
        overflow: Type.Optional(Type.Union([Type.Literal('number'), Type.Literal('dashes')])),
        /** Modbus: ping by reading (FC03), or by the reply to the last write (write-only modules). */
        liveness: Type.Optional(Type.Union([Type.Literal('read'), Type.Literal('write')])),
      },
      { additionalProperties: false },
    ),
    address: Type.Integer({ minimum: 1, maximum: 247 }),
    messages: Type.Optional(
      Type.Object(
        {
          called: Type.Optional(Type.String({ maxLength: 64 })),
          idle: Type.Optional(Type.String({ maxLength: 64 })),
          /** Short forms fit small panels, e.g. 'P' and 'OFF' on 4 digits (a text too long shows '----'). */
          paused: Type.Optional(Type.String({ maxLength: 64 })),
          closed: Type.Optional(Type.String({ maxLength: 64 })),
          calledBlinkSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type LedConfig = Static<typeof LedConfigSchema>;

/** The config schema of each device kind. */
export const DEVICE_CONFIG_SCHEMAS = {
  kiosk: KioskConfigSchema,
  display: DisplayConfigSchema,
  pad: PadConfigSchema,
  led: LedConfigSchema,
} as const;
export type DeviceConfigKind = keyof typeof DEVICE_CONFIG_SCHEMAS;
export type DeviceConfigOf<K extends DeviceConfigKind> = Static<(typeof DEVICE_CONFIG_SCHEMAS)[K]>;
