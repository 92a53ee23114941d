// The one place that reads configuration. Every setting is validated here and the process
// fails fast with a readable message; the rest of the server receives a typed `Config`.
import path from 'node:path';
import { z } from 'zod';
import { iceServerSchema } from '../shared/protocol/signaling.js';
import { mailAddressSchema } from './mail/address.js';
import type { MailAddress } from './mail/address.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const jsonArray = <T extends z.ZodType>(item: T) =>
  z.string().transform((raw, ctx): z.infer<T>[] => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
      return z.NEVER;
    }
    const parsed = z.array(item).safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'invalid' });
      return z.NEVER;
    }
    return parsed.data;
  });

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0),
);

const turnUrl = z.string().regex(/^turns?:[^\s]+$/, 'TURN urls start with turn: or turns:');

// The message never repeats the value: an SMTP URL usually holds a password.
const smtpUrl = z.string().refine((raw) => {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
}, 'use smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS)');

const envSchema = z.object({
  NAHBAR_HOST: z.string().default('0.0.0.0'),
  NAHBAR_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  NAHBAR_PUBLIC_URL: z.url().optional(),
  NAHBAR_DATA_DIR: z.string().default('./data'),
  NAHBAR_DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'use sqlite:<file> or postgres://…')
    .optional(),
  NAHBAR_CLIENT_DIR: z.string().default('./dist/client'),
  NAHBAR_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  NAHBAR_SECURE_COOKIES: bool.optional(),
  NAHBAR_TRUST_PROXY: bool.default(false),
  NAHBAR_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  NAHBAR_INVITE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  NAHBAR_LOGIN_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  NAHBAR_BOOKING_MAX_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  NAHBAR_ROOM_CAPACITY: z.coerce.number().int().min(2).max(16).default(4),
  NAHBAR_RESUME_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  NAHBAR_SIGNAL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(50),
  NAHBAR_SIGNAL_BURST: z.coerce.number().int().min(1).max(100_000).default(200),
  NAHBAR_ICE_SERVERS: jsonArray(iceServerSchema).default([]),
  NAHBAR_TURN_URLS: list.pipe(z.array(turnUrl)).default([]),
  NAHBAR_TURN_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  NAHBAR_TURN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
  NAHBAR_TELEMETRY_RAW_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  NAHBAR_TELEMETRY_ROLLUP_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
  NAHBAR_MQTT_HOST: z.string().optional(),
  NAHBAR_MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  NAHBAR_MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp|tls):\/\/[^\s]+$/, 'use mqtt://host:port or mqtts://host:port')
    .optional(),
  NAHBAR_MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,23}$/, 'use 1–23 letters, digits, - or _')
    .default('nahbar-ingest'),
  NAHBAR_MQTT_DRAIN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  NAHBAR_SMTP_URL: smtpUrl.optional(),
  NAHBAR_MAIL_FROM: z.string().default('Nahbar <nahbar@localhost>').pipe(mailAddressSchema),
});

/** Where the data lives: SQLite file (default) or a PostgreSQL connection string. */
export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** The validated configuration of one Nahbar process. */
export interface Config {
  host: string;
  port: number;
  /** Origin used in links that Nahbar prints or sends, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  clientDir: string;
  logLevel: z.infer<typeof envSchema>['NAHBAR_LOG_LEVEL'];
  secureCookies: boolean;
  /** Trust X-Forwarded-* headers (set when Nahbar runs behind a reverse proxy). */
  trustProxy: boolean;
  sessionDays: number;
  inviteDays: number;
  loginMaxPerMinute: number;
  /** Bookings, moves and cancels per guest address and minute; public booking reads: 6 times that. */
  bookingMaxPerMinute: number;
  lounge: {
    capacity: number;
    resumeGraceSeconds: number;
    signalRatePerSecond: number;
    signalBurst: number;
    iceServers: z.infer<typeof iceServerSchema>[];
    turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
  };
  telemetry: {
    /** Days raw readings are kept. */
    rawDays: number;
    /** Days per-minute rollups are kept; at least rawDays. */
    rollupDays: number;
    /**
     * Where devices publish: the embedded broker on host:port (port 0 picks a free one), or an
     * external broker that Nahbar subscribes to as a client.
     */
    mqtt:
      | { mode: 'embedded'; host: string; port: number; drainTimeoutMs: number }
      | { mode: 'external'; url: string; clientId: string };
  };
  mail: {
    /** SMTP server to send through; null keeps every message in the outbox (and the log) only. */
    smtpUrl: string | null;
    /** The sender of every message. */
    from: MailAddress;
  };
}

/** Raised when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates configuration from an environment (defaults to the process environment). */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => k.startsWith('NAHBAR_') && v !== ''),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NAHBAR_TURN_URLS.length > 0 && !env.NAHBAR_TURN_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  NAHBAR_TURN_SECRET: required when NAHBAR_TURN_URLS is set',
    );
  }
  if (env.NAHBAR_TELEMETRY_ROLLUP_DAYS < env.NAHBAR_TELEMETRY_RAW_DAYS) {
    throw new ConfigError(
      'Invalid configuration:\n  NAHBAR_TELEMETRY_ROLLUP_DAYS: must be at least NAHBAR_TELEMETRY_RAW_DAYS',
    );
  }
  const dataDir = path.resolve(env.NAHBAR_DATA_DIR);
  const publicUrl = (env.NAHBAR_PUBLIC_URL ?? `http://localhost:${env.NAHBAR_PORT}`).replace(
    /\/+$/,
    '',
  );
  const dbUrl = env.NAHBAR_DATABASE_URL;
  const database: DatabaseConfig =
    dbUrl === undefined
      ? { dialect: 'sqlite', file: path.join(dataDir, 'nahbar.sqlite') }
      : dbUrl.startsWith('sqlite:')
        ? { dialect: 'sqlite', file: resolveSqliteFile(dbUrl.slice('sqlite:'.length)) }
        : { dialect: 'postgres', url: dbUrl };
  return {
    host: env.NAHBAR_HOST,
    port: env.NAHBAR_PORT,
    publicUrl,
    dataDir,
    database,
    clientDir: path.resolve(env.NAHBAR_CLIENT_DIR),
    logLevel: env.NAHBAR_LOG_LEVEL,
    secureCookies: env.NAHBAR_SECURE_COOKIES ?? publicUrl.startsWith('https:'),
    trustProxy: env.NAHBAR_TRUST_PROXY,
    sessionDays: env.NAHBAR_SESSION_DAYS,
    inviteDays: env.NAHBAR_INVITE_DAYS,
    loginMaxPerMinute: env.NAHBAR_LOGIN_MAX_PER_MINUTE,
    bookingMaxPerMinute: env.NAHBAR_BOOKING_MAX_PER_MINUTE,
    lounge: {
      capacity: env.NAHBAR_ROOM_CAPACITY,
      resumeGraceSeconds: env.NAHBAR_RESUME_GRACE_SECONDS,
      signalRatePerSecond: env.NAHBAR_SIGNAL_RATE_PER_SECOND,
      signalBurst: env.NAHBAR_SIGNAL_BURST,
      iceServers: env.NAHBAR_ICE_SERVERS,
      turn:
        env.NAHBAR_TURN_URLS.length > 0 && env.NAHBAR_TURN_SECRET
          ? {
              urls: env.NAHBAR_TURN_URLS,
              secret: env.NAHBAR_TURN_SECRET,
              ttlSeconds: env.NAHBAR_TURN_TTL_SECONDS,
            }
          : null,
    },
    telemetry: {
      rawDays: env.NAHBAR_TELEMETRY_RAW_DAYS,
      rollupDays: env.NAHBAR_TELEMETRY_ROLLUP_DAYS,
      mqtt: env.NAHBAR_MQTT_URL
        ? { mode: 'external', url: env.NAHBAR_MQTT_URL, clientId: env.NAHBAR_MQTT_CLIENT_ID }
        : {
            mode: 'embedded',
            host: env.NAHBAR_MQTT_HOST ?? env.NAHBAR_HOST,
            port: env.NAHBAR_MQTT_PORT,
            drainTimeoutMs: env.NAHBAR_MQTT_DRAIN_TIMEOUT_SECONDS * 1000,
          },
    },
    mail: { smtpUrl: env.NAHBAR_SMTP_URL ?? null, from: env.NAHBAR_MAIL_FROM },
  };
}

function resolveSqliteFile(file: string): string {
  return file === ':memory:' ? file : path.resolve(file);
}
