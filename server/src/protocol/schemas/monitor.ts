import { Type } from 'typebox';

const closed = { additionalProperties: false } as const;
const Count = Type.Integer({ minimum: 0, maximum: 10_000 });
const Minutes = Type.Integer({ minimum: 1, maximum: 24 * 60 });

/** A branch's alert rules, as stored and as PUT (the four, each with `enabled`; counterUnstaffed and counterIdle optional). */
export const AlertRules = Type.Object(
  {
    waitOverTarget: Type.Object(
      { enabled: Type.Boolean(), criticalPercent: Type.Integer({ minimum: 100, maximum: 1000 }) },
      closed,
    ),
    queueLength: Type.Object({ enabled: Type.Boolean(), warning: Count, critical: Count }, closed),
    noCounterOpen: Type.Object({ enabled: Type.Boolean() }, closed),
    counterPaused: Type.Object(
      { enabled: Type.Boolean(), warningMinutes: Minutes, criticalMinutes: Minutes },
      closed,
    ),
    /** Optional: a counter closed inside its published hours past the grace (off when absent). */
    counterUnstaffed: Type.Optional(
      Type.Object(
        { enabled: Type.Boolean(), graceMinutes: Type.Integer({ minimum: 0, maximum: 240 }) },
        closed,
      ),
    ),
    /** Optional: a counter idle past these minutes while tickets it may call wait. */
    counterIdle: Type.Optional(
      Type.Object({ enabled: Type.Boolean(), warningMinutes: Minutes, criticalMinutes: Minutes }, closed),
    ),
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
});
