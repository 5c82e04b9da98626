import { Type } from 'typebox';
import { PHOTO_MAX_CHARS } from '../admin-routes.js';
import { Address, BranchSettingsSchema, WeeklyHoursSchema, WorkProfileSchema } from '../settings.js';
import * as V from './views.js';

/**
 * The configuration API's schemas (hall configuration, staff accounts, devices, the config
 * file and the audit log), merged into ROUTE_SCHEMAS by ./routes.ts.
 */
const closed = { additionalProperties: false } as const;
const Localized = Type.Object(
  {
    'zh-CN': Type.String({ minLength: 1, maxLength: 200 }),
    en: Type.String({ minLength: 1, maxLength: 200 }),
  },
  closed,
);
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const STAFF = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;
const Settings = BranchSettingsSchema.properties;
const Minutes = Type.Integer({ minimum: 1, maximum: 600 });
const Digits = (n: number) => Type.String({ pattern: `^[0-9]{1,${n}}$` });
const Limit = Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]);

const BranchFields = {
  name: Localized,
  timezone: Type.String({ minLength: 1, maxLength: 64 }),
  locales: Type.Optional(Settings.locales),
  defaultLocale: Type.Optional(Settings.defaultLocale),
  /** Weekly hours; without them the branch is open 00:00–24:00 every day. */
  hours: Type.Optional(Settings.hours),
  /** The branch's own dated exceptions (they win over the holiday calendar). */
  exceptions: Type.Optional(Settings.exceptions),
  /** 'cn': Chinese statutory holidays closed and 调休 days open, this year and the next. */
  holidays: Type.Optional(Type.Enum(['cn', 'none'])),
  issueCutoffMinutes: Type.Optional(Settings.issueCutoffMinutes),
  noShowAfterRecalls: Type.Optional(Settings.noShowAfterRecalls),
  reinstatePlacesBack: Type.Optional(Settings.reinstatePlacesBack),
  /** The address line printed on tickets, per language; null removes it. */
  address: Type.Optional(Type.Union([Address, Type.Null()])),
  /** The reasons clerks pick when pausing or closing; retire a reason rather than delete it. */
  pauseReasons: Type.Optional(Settings.pauseReasons),
  closeReasons: Type.Optional(Settings.closeReasons),
};
const ServiceFields = {
  prefix: Type.String({ pattern: '^[A-Z]{1,2}$' }),
  name: Localized,
  targetWaitMinutes: Minutes,
  defaultServiceMinutes: Type.Optional(Type.Number({ minimum: 0.5, maximum: 240 })),
  dailyCap: Type.Optional(Limit),
  perPersonDailyLimit: Type.Optional(Limit),
  requiresPersonId: Type.Optional(Type.Boolean()),
  allowPriority: Type.Optional(Type.Boolean()),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
  /** The service's own weekly hours inside the branch's; null: the branch's hours. */
  hours: Type.Optional(Type.Union([WeeklyHoursSchema, Type.Null()])),
  /** Stop issuing this many minutes before the service closes; null: the branch's cut-off. */
  issueCutoffMinutes: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 240 }), Type.Null()])),
};
const ProfileServices = Type.Array(
  Type.Object({ serviceId: V.Id, level: Type.Integer({ minimum: 1, maximum: 9 }) }, closed),
  { maxItems: 50 },
);
const CounterFields = {
  number: Type.Integer({ minimum: 1, maximum: 999 }),
  name: Localized,
  services: ProfileServices,
  rules: Type.Optional(WorkProfileSchema.properties.rules),
  /** The counter's own published weekly hours inside the branch's; null: the branch's hours. */
  hours: Type.Optional(Type.Union([WeeklyHoursSchema, Type.Null()])),
};
const Role = Type.Enum(['clerk', 'supervisor', 'manager', 'admin']);
const Password = Type.String({ minLength: 1, maxLength: 200 });
const AccountFields = {
  username: Type.String({ pattern: '^[A-Za-z0-9._-]{2,32}$' }),
  displayName: Type.String({ minLength: 1, maxLength: 64 }),
  password: Password,
  role: Role,
  /** The branches the account acts in (one today; none for an installation-wide admin). */
  branchIds: Type.Array(V.Id, { maxItems: 1 }),
  staffNumber: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z0-9-]{1,16}$' }), Type.Null()])),
};
const DeviceKind = Type.Enum(['kiosk', 'display', 'pad', 'led']);

export const AccountView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  staffNumber: V.Nullable(Type.String()),
  branchId: V.Nullable(Type.String()),
  branchIds: Type.Array(Type.String()),
  active: Type.Boolean(),
  /** Where the photo is served (GET /users/:id/photo, with a version), or null without one. */
  photoUrl: V.Nullable(Type.String()),
});
export const DeviceView = Type.Object({
  id: Type.String(),
  kind: DeviceKind,
  branchId: Type.String(),
  counterId: V.Nullable(Type.String()),
  name: Type.String(),
  config: Type.Unknown(),
  paired: Type.Boolean(),
  revoked: Type.Boolean(),
  tokenExpiresAt: V.Nullable(Type.Number()),
  /** When the device last used its token (since the server started); null: not seen. */
  lastSeenAt: V.Nullable(Type.Number()),
  /** A socket of the device is connected now. */
  online: Type.Boolean(),
  /** A pairing code is waiting to be used until this time (null: none). */
  pairingExpiresAt: V.Nullable(Type.Number()),
});
const DeviceCreated = Type.Object({
  device: DeviceView,
  pairingUrl: Type.String(),
  pairingCode: Type.String(),
  expiresAt: Type.Number(),
});
const AuditEntryView = Type.Object({
  id: Type.Number(),
  at: Type.Number(),
  actorKind: Type.String(),
  actorId: Type.String(),
  branchId: V.Nullable(Type.String()),
  action: Type.String(),
  target: V.Nullable(Type.String()),
  detail: Type.Unknown(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: V.Nullable(Type.String()),
});

/** The whole configuration of one branch as one document: no secrets, no personal data. */
export const HallConfig = Type.Object(
  {
    version: Type.Literal(1),
    branch: Type.Object(
      {
        id: V.Id,
        name: Localized,
        timezone: Type.String({ minLength: 1, maxLength: 64 }),
        settings: BranchSettingsSchema,
      },
      closed,
    ),
    services: Type.Array(
      Type.Object(
        {
          id: V.Id,
          prefix: ServiceFields.prefix,
          name: Localized,
          targetWaitMinutes: Minutes,
          defaultServiceMinutes: Type.Number({ minimum: 0.5, maximum: 240 }),
          dailyCap: Limit,
          perPersonDailyLimit: Limit,
          requiresPersonId: Type.Boolean(),
          allowPriority: Type.Boolean(),
          suspended: Type.Boolean(),
          suspendedReason: V.Nullable(Type.String({ maxLength: 200 })),
          sortOrder: Type.Integer({ minimum: 0, maximum: 999 }),
        },
        closed,
      ),
      { maxItems: 100 },
    ),
    counters: Type.Array(
      Type.Object(
        { id: V.Id, number: CounterFields.number, name: Localized, profile: WorkProfileSchema },
        closed,
      ),
      { maxItems: 200 },
    ),
    devices: Type.Array(
      Type.Object(
        {
          id: V.Id,
          kind: DeviceKind,
          name: Type.String({ minLength: 1, maxLength: 100 }),
          counterId: V.Nullable(V.Id),
          config: Type.Unknown(),
        },
        closed,
      ),
      { maxItems: 500 },
    ),
  },
  closed,
);
const ConfigApplied = Type.Object({
  ok: Type.Literal(true),
  /** How many services, counters and devices were created, changed or deactivated. */
  changes: Type.Number(),
});
const ConfigProblems = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
  }),
});

const BranchParams = Type.Object({ branchId: V.Id });
const ServiceParams = Type.Object({ serviceId: V.Id });
const CounterParams = Type.Object({ counterId: V.Id });
const UserParams = Type.Object({ userId: V.Id });
const DeviceParams = Type.Object({ deviceId: V.Id });
const partial = <T extends Record<string, import('typebox').TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, Type.Optional(s)])) as {
    [K in keyof T]: import('typebox').TOptional<T[K]>;
  };
const tags = ['configuration'];

export const ADMIN_ROUTE_SCHEMAS = {
  'branches:create': {
    summary: 'Create a branch (admins)',
    tags,
    body: Type.Object({ id: Type.Optional(Slug), ...BranchFields }, closed),
    response: { 201: V.BranchView },
    errors: [...STAFF, 'BRANCH_EXISTS'],
  },
  'branch:update': {
    summary: "Change a branch's names, zone, hours and rules",
    tags,
    params: BranchParams,
    body: Type.Object(partial(BranchFields), closed),
    response: { 200: V.BranchView },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'services:create': {
    summary: 'Add a service to a branch',
    tags,
    params: BranchParams,
    body: Type.Object({ id: Type.Optional(Slug), ...ServiceFields }, closed),
    response: { 201: V.ServiceView },
    errors: [...STAFF, 'BRANCH_NOT_FOUND', 'PREFIX_TAKEN'],
  },
  'service:update': {
    summary: 'Change a service; suspend it with a reason or resume it',
    tags,
    params: ServiceParams,
    body: Type.Object(
      {
        ...partial(ServiceFields),
        suspended: Type.Optional(Type.Boolean()),
        suspendedReason: Type.Optional(
          Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
        ),
      },
      closed,
    ),
    response: { 200: V.ServiceView },
    errors: [...STAFF, 'SERVICE_NOT_FOUND', 'PREFIX_TAKEN', 'REASON_REQUIRED'],
  },
  'service:deactivate': {
    summary: 'Deactivate a service (refused while its tickets wait; history is kept)',
    tags,
    params: ServiceParams,
    response: { 204: Type.Null() },
    errors: [...STAFF, 'SERVICE_NOT_FOUND', 'SERVICE_IN_USE'],
  },
  'counters:create': {
    summary: 'Add a counter with its work profile',
    tags,
    params: BranchParams,
    body: Type.Object({ id: Type.Optional(Slug), ...CounterFields }, closed),
    response: { 201: V.CounterView },
    errors: [...STAFF, 'BRANCH_NOT_FOUND', 'COUNTER_NUMBER_TAKEN', 'SERVICE_NOT_FOUND'],
  },
  'counter:update': {
    summary: "Change a counter's number, names or work profile (applies at once, even while open)",
    tags,
    params: CounterParams,
    body: Type.Object(partial(CounterFields), closed),
    response: { 200: V.CounterView },
    errors: [...STAFF, 'COUNTER_NOT_FOUND', 'COUNTER_NUMBER_TAKEN', 'SERVICE_NOT_FOUND'],
  },
  'users:list': {
    summary: "Staff accounts: an admin's whole installation, a manager's own branch (no passwords)",
    tags,
    querystring: Type.Object({ branchId: Type.Optional(V.Id) }, closed),
    response: { 200: Type.Array(AccountView) },
    errors: [...STAFF],
  },
  'users:create': {
    summary: 'Create a staff account (the password is never answered)',
    tags,
    body: Type.Object(AccountFields, closed),
    response: { 201: AccountView },
    errors: [...STAFF, 'BRANCH_NOT_FOUND', 'USERNAME_TAKEN', 'PASSWORD_REJECTED'],
  },
  'user:update': {
    summary: 'Change an account, set its password, deactivate it (never deleted)',
    tags,
    params: UserParams,
    body: Type.Object(
      {
        ...partial(AccountFields),
        active: Type.Optional(Type.Boolean()),
        /** A JPEG/PNG data URL (at most 200 kB decoded) for the rating pad, or null to remove it. */
        photo: Type.Optional(Type.Union([Type.String({ maxLength: PHOTO_MAX_CHARS }), Type.Null()])),
      },
      closed,
    ),
    response: { 200: AccountView },
    errors: [
      ...STAFF,
      'USER_NOT_FOUND',
      'BRANCH_NOT_FOUND',
      'USERNAME_TAKEN',
      'PASSWORD_REJECTED',
      'VALIDATION_FAILED',
      'OWN_ACCOUNT_LOCKOUT',
      'LAST_ADMIN',
    ],
  },
  'user:photo': {
    summary: "A staff member's photo (JPEG/PNG): for staff, and for the pad of the counter they work at",
    tags,
    params: UserParams,
    response: { 200: Type.Unknown({ description: 'the image (image/jpeg or image/png)' }) },
    errors: [...STAFF, 'USER_NOT_FOUND'],
  },
  'devices:list': {
    summary: "A branch's devices by kind, with pairing state, last seen and online (revoked ones too)",
    tags,
    params: BranchParams,
    response: { 200: Type.Array(DeviceView) },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'devices:create': {
    summary: 'Create a kiosk, display, pad or LED display; answers a one-time pairing code',
    tags,
    params: BranchParams,
    body: Type.Object(
      {
        kind: DeviceKind,
        name: Type.String({ minLength: 1, maxLength: 100 }),
        counterId: Type.Optional(V.Id),
        config: Type.Optional(Type.Unknown()),
      },
      closed,
    ),
    response: { 201: DeviceCreated },
    errors: [...STAFF, 'BRANCH_NOT_FOUND', 'COUNTER_NOT_FOUND'],
  },
  'device:update': {
    summary: 'Rename, reassign or reconfigure a device; `repair: true` issues a new pairing code',
    tags,
    params: DeviceParams,
    body: Type.Object(
      {
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        counterId: Type.Optional(V.Nullable(V.Id)),
        config: Type.Optional(Type.Unknown()),
        repair: Type.Optional(Type.Boolean()),
      },
      closed,
    ),
    response: {
      200: Type.Object({
        device: DeviceView,
        pairingUrl: V.Nullable(Type.String()),
        pairingCode: V.Nullable(Type.String()),
        expiresAt: V.Nullable(Type.Number()),
      }),
    },
    errors: [...STAFF, 'DEVICE_NOT_FOUND', 'COUNTER_NOT_FOUND'],
  },
  'device:revoke': {
    summary: 'Revoke a device: its next request gets 401 and its sockets close',
    tags,
    params: DeviceParams,
    response: { 204: Type.Null() },
    errors: [...STAFF, 'DEVICE_NOT_FOUND'],
  },
  'devices:pair': {
    summary: "Exchange a pairing code (once, within its time) for the device's token",
    tags,
    body: Type.Object({ code: Type.String({ pattern: '^[0-9]{8}$' }) }, closed),
    response: { 200: Type.Object({ token: Type.String(), device: V.MeDevice }) },
    errors: ['UNAUTHENTICATED', 'TOO_MANY_REQUESTS'],
  },
  'branch:config': {
    summary: "The branch's whole configuration as one document (no secrets, no personal data)",
    tags,
    params: BranchParams,
    response: { 200: HallConfig },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'branch:config-apply': {
    summary: 'Apply a configuration document: all problems at once, nothing applied when one is wrong',
    tags,
    params: BranchParams,
    body: Type.Object({}, { additionalProperties: true }),
    response: { 200: ConfigApplied, 422: ConfigProblems },
    errors: [...STAFF, 'CONFIG_INVALID'],
  },
  'audit:list': {
    summary: 'Configuration changes and staff actions: who, when, from where, before → after',
    tags,
    querystring: Type.Object(
      {
        branchId: Type.Optional(V.Id),
        // A query string carries text (the server does not coerce types): whole numbers as digits.
        from: Type.Optional(Digits(15)),
        to: Type.Optional(Digits(15)),
        actor: Type.Optional(V.Id),
        /** At most 1000 rows. */
        limit: Type.Optional(Digits(4)),
        /** Rows to skip (newest first): the next page. */
        offset: Type.Optional(Digits(6)),
      },
      closed,
    ),
    response: { 200: Type.Array(AuditEntryView) },
    errors: [...STAFF],
  },
} as const;
