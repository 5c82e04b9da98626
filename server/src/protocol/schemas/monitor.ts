import { Type } from 'typebox';

const closed = { additionalProperties: false } as const;
const Count = Type.Integer({ minimum: 0, maximum: 10_000 });
const Minutes = Type.Integer({ minimum: 1, maximum: 24 * 60 });

const Percent = Type.Integer({ minimum: 50, maximum: 1000 });
const WaitRule = Type.Object(
  {
    enabled: Type.Boolean(),
    /** Optional (100 when absent: the target itself). */
    warningPercent: Type.Optional(Percent),
    criticalPercent: Type.Integer({ minimum: 100, maximum: 1000 }),
  },
  closed,
);
const CountRule = Type.Object({ enabled: Type.Boolean(), warning: Count, critical: Count }, closed);
const MinutesRule = Type.Object(
  { enabled: Type.Boolean(), warningMinutes: Minutes, criticalMinutes: Minutes },
  closed,
);
const GraceRule = Type.Object(
  { enabled: Type.Boolean(), graceMinutes: Type.Integer({ minimum: 0, maximum: 240 }) },
  closed,
);
const OnOff = Type.Object({ enabled: Type.Boolean() }, closed);
/** Overrides by id or reason code: any key here; one the branch does not have is refused by setRules (422). */
const byKey = <T extends ReturnType<typeof Type.Object>>(value: T) =>
  Type.Record(Type.String(), value, { ...closed, maxProperties: 200 });

/**
 * A branch's alert rules, as stored and as PUT: the four branch rules, each with `enabled`
 * (counterUnstaffed and counterIdle optional), and optional overrides per service, per counter
 * and per pause reason (each a whole rule replacing the branch's for that subject). A rule set
 * stored before the overrides existed still validates and means the same.
 */
export const AlertRules = Type.Object(
  {
    waitOverTarget: WaitRule,
    queueLength: CountRule,
    noCounterOpen: OnOff,
    counterPaused: MinutesRule,
    /** Optional: a counter closed inside its published hours past the grace (off when absent). */
    counterUnstaffed: Type.Optional(GraceRule),
    /** Optional: a counter idle past these minutes while tickets it may call wait. */
    counterIdle: Type.Optional(MinutesRule),
    services: Type.Optional(
      byKey(
        Type.Object(
          {
            waitOverTarget: Type.Optional(WaitRule),
            queueLength: Type.Optional(CountRule),
            noCounterOpen: Type.Optional(OnOff),
          },
          closed,
        ),
      ),
    ),
    counters: Type.Optional(
      byKey(
        Type.Object(
          { counterIdle: Type.Optional(MinutesRule), counterUnstaffed: Type.Optional(GraceRule) },
          closed,
        ),
      ),
    ),
    pauseReasons: Type.Optional(byKey(MinutesRule)),
  },
  closed,
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const AlertView = Type.Object({
  id: Type.String(),
  branchId: Type.String(),
  key: Type.String(),
  kind: Type.String(),
  level: Type.Union([Type.Literal('warning'), Type.Literal('critical')]),
  serviceId: Nullable(Type.String()),
  counterId: Nullable(Type.String()),
  value: Type.Number(),
  threshold: Type.Number(),
  raisedAt: Type.Number(),
  updatedAt: Type.Number(),
  clearedAt: Type.Union([Type.Number(), Type.Null()]),
  acknowledgedAt: Type.Union([Type.Number(), Type.Null()]),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgedByName: Type.Optional(Nullable(Type.String())),
});
export const AlertRulesView = Type.Object({
  branchId: Type.String(),
  rules: AlertRules,
  updatedAt: Type.Union([Type.Number(), Type.Null()]),
  updatedBy: Nullable(Type.String()),
  /** Who last changed the rules, by name (the audit keeps the id). */
  updatedByName: Type.Optional(Nullable(Type.String())),
});
