// Turns the bytes a sensor publishes on `v1/devices/me/telemetry` into readings, or says exactly
// why not. Pure and synchronous: the broker calls it for every message.
//
// Accepted forms (any mix of them inside a top-level array):
// - ThingsBoard key-values `{"temp":21.5}` and `{"ts":1700000000000,"values":{"temp":21.5}}`. As in
//   ThingsBoard, the second form needs both `ts` and an object `values`; other keys beside them
//   are refused rather than guessed at.
// - relayr WunderBar modules `{"ts":…,"temp":21.25,"hum":40.1}`: a top-level `ts` is the time of
//   the other keys, never a reading. Nested objects of values flatten with dots, three levels
//   deep: `{"gyro":{"x":1}}` becomes `gyro.x`, `{"clr":{"r":1}}` becomes `clr.r`.
//
// Decisions:
// - One bad key never costs the good ones: each refused key gets an entry in `rejected`, with a
//   reason code, and everything else is kept. Nothing acknowledged vanishes unreported, and
//   nothing invalid is stored. Only payload-wide faults (size, encoding, JSON, shape) refuse all.
//   A refused object (bad name, nested too deep) is one entry covering everything below it.
// - `ts` below 1e11 is epoch seconds, otherwise milliseconds (see SECONDS_BELOW in rules.ts).
//   Times before 2000 are refused (`ts_too_old`); times more than 5 minutes ahead of the server
//   are set to `receivedAt` and counted in `clamped`, a count of readings. A bad or old `ts`
//   refuses each key of its message, one entry per key.
// - Each reading carries `receivedAt` beside `ts`, so a stored row keeps both times.
// - Readings are unique by key and time within one payload, so storage can insert without
//   conflicts; later repeats are `duplicate` (ThingsBoard would silently overwrite). Two array
//   elements without `ts` share the server time, so only the first one's keys are kept.
// - At most 256 distinct keys per payload (MAX_KEYS_PER_MESSAGE); later new keys are refused
//   as `too_many_keys`. A key already seen costs nothing, so a batch of 100 samples of the same
//   5 keys is fine; the 16 KiB limit bounds the number of readings.
// - Known limit: `JSON.parse` keeps the last of two equal names in one object, unreported.
//
// The walk is written by hand, not with zod: on this machine a zod union parses a good value in
// about 60 ns but builds an issue for a bad one in about 4 µs, so a 16 KiB payload of bad values
// would cost milliseconds. telemetry.schemas.ts states the resulting contract as a zod schema.
import type { TelemetryReading } from './telemetry.schemas.js';
import { PayloadCollector } from './collector.js';

/** One reading: key, time, value and server time (defined beside its zod schema). */
export type { TelemetryReading } from './telemetry.schemas.js';

/** Largest payload accepted, in bytes; larger ones are refused before decoding. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/** Every reason a payload, or a part of it, can be refused. */
export const REJECT_REASONS = [
  'too_large',
  'not_utf8',
  'not_json',
  'not_object',
  'empty',
  'bad_key',
  'bad_value',
  'too_deep',
  'too_many_keys',
  'duplicate',
  'bad_ts',
  'ts_too_old',
] as const;

/** Why a payload, or a part of it, was refused. */
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * One refused payload or part of one: `key` names the refused key (cut to 100 characters) and is
 * absent for payload-wide faults; `detail` is English for logs, never shown to users.
 */
export interface TelemetryRejection {
  reason: RejectReason;
  key?: string;
  detail?: string;
}

/** The readings of one payload, what was refused, and how many readings had their time clamped. */
export interface TelemetryResult {
  readings: TelemetryReading[];
  rejected: TelemetryRejection[];
  clamped: number;
}

// Fatal, so that broken bytes are refused instead of stored as U+FFFD. A leading BOM is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function refuse(reason: RejectReason, detail: string): TelemetryResult {
  return { readings: [], rejected: [{ reason, detail }], clamped: 0 };
}

/**
 * Normalises one telemetry payload received at `receivedAt` (epoch ms) into readings and
 * rejections. Never throws for any payload; throws a RangeError only when `receivedAt` is not an
 * integer, which is a bug in the caller.
 */
export function parseTelemetry(bytes: Uint8Array, receivedAt: number): TelemetryResult {
  if (!Number.isSafeInteger(receivedAt)) {
    throw new RangeError(`receivedAt must be epoch milliseconds, got ${receivedAt}`);
  }
  if (bytes.byteLength > MAX_PAYLOAD_BYTES) {
    return refuse('too_large', `${bytes.byteLength} bytes, at most ${MAX_PAYLOAD_BYTES}`);
  }
  // A zero-length publish is how MQTT clears a retained message: nothing to store, not garbage.
  if (bytes.byteLength === 0) return refuse('empty', 'no bytes');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return refuse('not_utf8', 'the payload is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuse('not_json', error instanceof Error ? error.message : 'invalid JSON');
  }
  const collector = new PayloadCollector(receivedAt);
  collector.collectPayload(json);
  return collector.result;
}
