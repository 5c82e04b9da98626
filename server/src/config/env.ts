import { resolve } from 'node:path';

/** Settings parsed once from the environment, validated with every problem listed, then frozen. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  dbFile: string;
  publicUrl: string | null;
  adminPassword: string | null;
  /** The key of personal-number hashes from GUICHET_PII_KEY; otherwise `<data dir>/pii.key`. */
  piiKey: string | null;
  /** The demo hall (with random passwords) is created only on explicit request: GUICHET_DEMO=1. */
  demo: 'on' | 'off';
  demoPrinter: string | null;
  /** `path[:protocol]` of a serial bus with LED displays at addresses 1…8 for the demo counters. */
  demoLed: { path: string; protocol: 'qlp1' | 'modbus-led485' | 'qsystem' } | null;
  logLevel: string;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated), or null. */
  trustProxy: string | null;
  synchronous: 'FULL' | 'NORMAL';
  piiRetentionDays: number;
  /** Days kept of ticket events, audit rows and free texts (0: for ever); see README "Retention". */
  retention: { eventDays: number; auditDays: number; textDays: number };
  sessionHours: number;
  ratingTimeoutSeconds: number;
  /** 好差评 rules: cases, comments, complaints, which levels are good. */
  cases: CaseConfig;
  /** Hosts whose own address may be printed in QR codes when GUICHET_PUBLIC_URL is not set. */
  allowedHosts: string[];
  limits: NetLimits;
}

export interface CaseConfig {
  callbackWorkingDays: number;
  resolutionWorkingDays: number;
  goodLevels: number[];
  commentHours: number;
  complaintsPerTicket: number;
  complaintsPerAddressPerDay: number;
}

/** How much one address, one device and everyone together may hold or ask of the server. */
export interface NetLimits {
  socketsPerAddress: number;
  socketsTotal: number;
  /** Sockets without a token (ticket tracking only) per address. */
  anonymousPerAddress: number;
  /** Seconds an anonymous socket has to follow a ticket before it is closed. */
  socketAuthSeconds: number;
  /** Failed `ticket:track` key checks per address per minute. */
  trackGuessesPerMinute: number;
  /** `branch:subscribe` snapshots per socket per minute (and 3× that per device or session). */
  snapshotsPerMinute: number;
  /** Tickets issued per kiosk token (or staff account) per minute, and per address. */
  issuePerDevicePerMinute: number;
  issuePerAddressPerMinute: number;
  /** Any other API request per token, or per address without one, per minute. */
  apiPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * `1` creates the demo hall on an empty database, anything else never does. The former default
 * `auto` created it (with known passwords) on any empty database; it is refused by name so an
 * operator who set it learns what changed instead of silently getting an empty hall.
 */
function demoSetting(raw: string | undefined, problems: string[]): Config['demo'] {
  if (raw === undefined || raw === '' || raw === '0') return 'off';
  if (raw === '1') return 'on';
  problems.push(
    raw === 'auto'
      ? 'GUICHET_DEMO=auto is no longer supported: set GUICHET_DEMO=1 to create the demo hall, or leave it unset'
      : `GUICHET_DEMO="${raw}" must be 1 (create the demo hall on an empty database) or 0`,
  );
  return 'off';
}

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}="${raw}" must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return raw as T;
  };
  const dataDir = resolve(env.GUICHET_DATA_DIR || './data');
  const publicUrl = env.GUICHET_PUBLIC_URL || null;
  if (publicUrl && !/^https?:\/\/[^/]+/.test(publicUrl)) {
    problems.push(`GUICHET_PUBLIC_URL="${publicUrl}" must start with http:// or https://`);
  }
  const adminPassword = env.GUICHET_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 10) {
    problems.push('GUICHET_ADMIN_PASSWORD must be at least 10 characters');
  }
  const piiKey = env.GUICHET_PII_KEY || null;
  if (piiKey !== null && piiKey.length < 32) {
    problems.push('GUICHET_PII_KEY must be at least 32 characters (e.g. openssl rand -hex 32)');
  }
  const demoPrinter = env.GUICHET_DEMO_PRINTER || null;
  if (demoPrinter && !/^tcp:\/\/[^:/]+:\d+$/.test(demoPrinter)) {
    problems.push(`GUICHET_DEMO_PRINTER="${demoPrinter}" must look like tcp://host:port`);
  }
  let demoLed: Config['demoLed'] = null;
  if (env.GUICHET_DEMO_LED) {
    const [path = '', protocol = 'qlp1'] = env.GUICHET_DEMO_LED.split(':');
    if (!path || !['qlp1', 'modbus-led485', 'qsystem'].includes(protocol)) {
      problems.push(
        `GUICHET_DEMO_LED="${env.GUICHET_DEMO_LED}" must be a serial path, optionally :qlp1, :modbus-led485 or :qsystem`,
      );
    } else demoLed = { path, protocol: protocol as 'qlp1' };
  }
  const config: Config = {
    host: env.GUICHET_HOST || '0.0.0.0',
    port: int('GUICHET_PORT', 8080, 0, 65535),
    dataDir,
    dbFile: env.GUICHET_DB_FILE ? resolve(env.GUICHET_DB_FILE) : resolve(dataDir, 'guichet.sqlite'),
    publicUrl: publicUrl?.replace(/\/$/, '') ?? null,
    adminPassword,
    piiKey,
    demo: demoSetting(env.GUICHET_DEMO, problems),
    demoPrinter,
    demoLed,
    trustProxy: env.GUICHET_TRUST_PROXY || null,
    logLevel: oneOf(
      'GUICHET_LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    synchronous: oneOf('GUICHET_SYNCHRONOUS', ['FULL', 'NORMAL'], 'FULL'),
    piiRetentionDays: int('GUICHET_PII_RETENTION_DAYS', 30, 1, 3650),
    retention: {
      eventDays: int('GUICHET_EVENT_RETENTION_DAYS', 0, 0, 36_500),
      auditDays: int('GUICHET_AUDIT_RETENTION_DAYS', 0, 0, 36_500),
      textDays: int('GUICHET_TEXT_RETENTION_DAYS', 0, 0, 36_500),
    },
    sessionHours: int('GUICHET_SESSION_HOURS', 12, 1, 24 * 30),
    ratingTimeoutSeconds: int('GUICHET_RATING_TIMEOUT_SECONDS', 60, 5, 600),
    cases: {
      callbackWorkingDays: int('GUICHET_CASE_CALLBACK_DAYS', 1, 1, 30),
      resolutionWorkingDays: int('GUICHET_CASE_RESOLUTION_DAYS', 15, 1, 60),
      goodLevels: goodLevels(env.GUICHET_GOOD_LEVELS, problems),
      commentHours: int('GUICHET_RATING_COMMENT_HOURS', 72, 0, 24 * 90),
      complaintsPerTicket: int('GUICHET_COMPLAINTS_PER_TICKET', 2, 1, 100),
      complaintsPerAddressPerDay: int('GUICHET_COMPLAINTS_PER_ADDRESS', 5, 1, 10_000),
    },
    allowedHosts: (env.GUICHET_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    limits: {
      socketsPerAddress: int('GUICHET_MAX_SOCKETS_PER_ADDRESS', 200, 1, 100_000),
      socketsTotal: int('GUICHET_MAX_SOCKETS', 5000, 1, 1_000_000),
      anonymousPerAddress: int('GUICHET_MAX_TRACKERS_PER_ADDRESS', 100, 1, 100_000),
      socketAuthSeconds: int('GUICHET_SOCKET_AUTH_SECONDS', 10, 1, 600),
      trackGuessesPerMinute: int('GUICHET_TRACK_GUESSES_PER_MINUTE', 30, 1, 10_000),
      snapshotsPerMinute: int('GUICHET_SNAPSHOTS_PER_MINUTE', 10, 1, 10_000),
      issuePerDevicePerMinute: int('GUICHET_ISSUE_PER_DEVICE_PER_MINUTE', 600, 1, 100_000),
      issuePerAddressPerMinute: int('GUICHET_ISSUE_PER_ADDRESS_PER_MINUTE', 1200, 1, 100_000),
      apiPerMinute: int('GUICHET_API_PER_MINUTE', 600, 1, 100_000),
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** `3,4,5` (the default): the levels counted as 好评; 1 and 2 are always 差评. */
function goodLevels(raw: string | undefined, problems: string[]): number[] {
  if (!raw) return [3, 4, 5];
  const levels = raw.split(',').map((l) => Number(l.trim()));
  if (levels.some((l) => !Number.isInteger(l) || l < 3 || l > 5) || levels.length === 0) {
    problems.push(`GUICHET_GOOD_LEVELS must list levels among 3, 4, 5 (got "${raw}")`);
    return [3, 4, 5];
  }
  return [...new Set(levels)].sort();
}
