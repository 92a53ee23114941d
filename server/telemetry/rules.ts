// The limits and leaf rules of telemetry: which names may become reading keys, which JSON values
// are readings, and how a device timestamp becomes a reading's time. Plain predicates rather than
// zod schemas, because they run for every key of every message (payload.ts has the measurements).

/** Most distinct reading keys one payload may carry. */
export const MAX_KEYS_PER_MESSAGE = 256;

/** Deepest nesting that flattens into keys: `a.b.c` is accepted, `a.b.c.d` is `too_deep`. */
export const MAX_KEY_DEPTH = 3;

/** Longest reading key in characters, after flattening. */
export const MAX_KEY_LENGTH = 64;

/**
 * A reading key: segments of letters, digits, `_` and `-`, joined by single dots. Stricter than a
 * plain character class so that `a..b`, `.a` or a flattened empty name never become keys.
 */
export const KEY_PATTERN = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

// Downstream code may keep the latest value per key in a plain object (`latest[key] = value`);
// these names would reach Object.prototype there, so no key may contain them as a segment.
const RESERVED_SEGMENT = /(?:^|\.)(?:__proto__|constructor|prototype)(?:\.|$)/;

/** Earliest accepted device time (2000-01-01T00:00:00Z); older clocks are unset or broken. */
export const MIN_TS = Date.UTC(2000, 0, 1);

/**
 * Device timestamps below this are epoch seconds, above it epoch milliseconds. As milliseconds
 * 1e11 is March 1973, older than MIN_TS anyway; as seconds it is the year 5138. So no time that
 * would be accepted as milliseconds is ever read as seconds.
 */
export const SECONDS_BELOW = 1e11;

/** How far a device clock may run ahead of the server before its time is replaced (5 minutes). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

// Longer numeric strings carry no more precision than a double holds; the cap keeps the regex
// below from scanning kilobytes of digits.
const MAX_NUMERIC_STRING_LENGTH = 64;
// Decimal notation as JSON writes it, plus a leading `+` and bare `.5` / `5.`. No whitespace, hex,
// `Infinity` or `NaN`, which `Number()` would accept, and no decimal comma, which is ambiguous.
const NUMERIC_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Why `name` cannot be a key or key segment (ignoring total length), or undefined if it can. */
export function checkKeyName(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (!KEY_PATTERN.test(name)) return 'only letters, digits, _, - and inner dots are allowed';
  if (RESERVED_SEGMENT.test(name)) return 'reserved name';
  return undefined;
}

/** Tells whether `key` is a valid reading key, the invariant every produced reading keeps. */
export function isValidKey(key: string): boolean {
  return checkKeyName(key) === undefined && key !== 'ts';
}

/** A numeric string as a finite number, or undefined when it is not one. */
function parseNumericString(s: string): number | undefined {
  if (s.length === 0 || s.length > MAX_NUMERIC_STRING_LENGTH || !NUMERIC_STRING.test(s)) {
    return undefined;
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads a scalar JSON value as a reading value: finite numbers as they are, booleans as 1/0,
 * numeric strings as numbers. Returns undefined for anything else; objects are the caller's to
 * flatten.
 */
export function readValue(raw: unknown): number | undefined {
  switch (typeof raw) {
    case 'number':
      return Number.isFinite(raw) ? raw : undefined;
    case 'boolean':
      return raw ? 1 : 0;
    case 'string':
      return parseNumericString(raw);
    default:
      return undefined;
  }
}

/** A short, log-safe quotation of a string from a payload. */
export function quote(s: string, max = 32): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** Says why `readValue` refused a value; called only on that path, so it may take its time. */
export function describeBadValue(raw: unknown): string {
  if (raw === null) return 'null is not a reading';
  if (Array.isArray(raw)) return 'an array is not a reading';
  if (typeof raw === 'number') return 'number out of range';
  if (typeof raw === 'string') {
    if (raw.length <= MAX_NUMERIC_STRING_LENGTH && NUMERIC_STRING.test(raw)) {
      return `${quote(raw)} is out of range`;
    }
    return `${quote(raw)} is not a number`;
  }
  return `a value of type ${typeof raw} is not a reading`;
}

/** A reading time taken from a device timestamp, or the reason it cannot be used. */
export type ReadingTime =
  | { ok: true; ts: number; clamped: boolean }
  | { ok: false; reason: 'bad_ts' | 'ts_too_old'; detail: string };

/**
 * Turns a message's `ts` (absent, epoch seconds or epoch milliseconds, as a number or a numeric
 * string) into the time of its readings. Absent means server time; a time more than
 * MAX_FUTURE_SKEW_MS ahead of `receivedAt` is replaced by `receivedAt` and flagged as clamped.
 */
export function readTimestamp(raw: unknown, receivedAt: number): ReadingTime {
  if (raw === undefined) return { ok: true, ts: receivedAt, clamped: false };
  const n =
    typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumericString(raw) : undefined;
  if (n === undefined || !Number.isFinite(n)) {
    const shown = typeof raw === 'string' ? quote(raw) : raw === null ? 'null' : typeof raw;
    return { ok: false, reason: 'bad_ts', detail: `ts ${shown} is not epoch seconds or ms` };
  }
  // Scaled seconds are rounded, not floored: a decimal fraction is inexact in binary, and
  // 1073930535.215 * 1000 is 1073930535214.9999.
  const ms = n < SECONDS_BELOW ? Math.round(n * 1000) : Math.floor(n);
  if (ms < MIN_TS) {
    return { ok: false, reason: 'ts_too_old', detail: `ts ${n} is before 2000-01-01` };
  }
  if (ms > receivedAt + MAX_FUTURE_SKEW_MS) return { ok: true, ts: receivedAt, clamped: true };
  return { ok: true, ts: ms, clamped: false };
}
