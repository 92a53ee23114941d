// Walks a parsed telemetry payload: recognises the message forms, flattens nested objects into
// dotted keys, and sorts every value into a reading or a rejection. payload.ts explains the rules.
import type { RejectReason, TelemetryResult } from './payload.js';
import {
  MAX_KEY_DEPTH,
  MAX_KEY_LENGTH,
  MAX_KEYS_PER_MESSAGE,
  checkKeyName,
  describeBadValue,
  readTimestamp,
  readValue,
  type ReadingTime,
} from './rules.js';

type JsonObject = Record<string, unknown>;

// Rejections quote keys, and a key may be 16 KiB of anything.
const MAX_REPORTED_KEY_LENGTH = 100;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Collects the readings and rejections of one payload; use one instance per payload. */
export class PayloadCollector {
  /** What the payload yielded so far. */
  readonly result: TelemetryResult = { readings: [], rejected: [], clamped: 0 };
  // Times already used per key: one number for the usual single time, a Set once there are more.
  // Made for a payload's second reading: most payloads hold one, and the Map was the largest
  // allocation of a one-reading payload.
  private seen: Map<string, number | Set<number>> | undefined;
  // Index of the array element being read, or -1 when the payload is a single object.
  private element = -1;

  constructor(private readonly receivedAt: number) {}

  /** Reads a parsed payload: one message object, or an array of them. */
  collectPayload(json: unknown): void {
    if (isObject(json)) {
      this.collectMessage(json);
    } else if (Array.isArray(json)) {
      if (json.length === 0) this.reject('empty', undefined, 'empty array');
      for (let i = 0; i < json.length; i++) {
        this.element = i;
        const item: unknown = json[i];
        if (isObject(item)) this.collectMessage(item);
        else this.reject('not_object', undefined, `${describeJsonType(item)} is not a message`);
      }
    } else {
      this.reject('not_object', undefined, `${describeJsonType(json)} is not a message`);
    }
  }

  private collectMessage(message: JsonObject): void {
    const hasTs = Object.hasOwn(message, 'ts');
    const values = Object.hasOwn(message, 'values') ? message.values : undefined;
    const time = readTimestamp(hasTs ? message.ts : undefined, this.receivedAt);
    if (hasTs && isObject(values)) {
      for (const name of Object.keys(message)) {
        if (name !== 'ts' && name !== 'values') {
          this.reject('bad_key', name, 'only ts may stand beside values');
        }
      }
      if (!this.collectObject(values, '', 1, time)) this.reject('empty', undefined, 'no values');
    } else if (!this.collectObject(message, '', 1, time, true)) {
      this.reject('empty', undefined, hasTs ? 'only a timestamp' : 'empty object');
    }
  }

  /**
   * Sorts the entries of `object` under `prefix`; returns false when it has none. `skipTs` leaves
   * out a top-level `ts`, which is the time of the other keys (WunderBar) and already read.
   */
  private collectObject(
    object: JsonObject,
    prefix: string,
    depth: number,
    time: ReadingTime,
    skipTs = false,
  ): boolean {
    let entries = 0;
    for (const name of Object.keys(object)) {
      if (skipTs && name === 'ts') continue;
      entries++;
      const raw = object[name];
      const key = prefix === '' ? name : `${prefix}.${name}`;
      const badName =
        checkKeyName(name) ??
        (key.length > MAX_KEY_LENGTH ? `longer than ${MAX_KEY_LENGTH} characters` : undefined) ??
        (key === 'ts' ? 'ts is the time of a message, not a reading' : undefined);
      if (badName !== undefined) {
        this.reject('bad_key', key, badName);
      } else if (isObject(raw)) {
        if (depth >= MAX_KEY_DEPTH) {
          this.reject('too_deep', key, `nested more than ${MAX_KEY_DEPTH} levels`);
        } else if (!this.collectObject(raw, key, depth + 1, time)) {
          this.reject('empty', key, 'empty object');
        }
      } else {
        const value = readValue(raw);
        if (value === undefined) this.reject('bad_value', key, describeBadValue(raw));
        else this.addReading(key, value, time);
      }
    }
    return entries > 0;
  }

  private addReading(key: string, value: number, time: ReadingTime): void {
    if (!time.ok) {
      this.reject(time.reason, key, time.detail);
      return;
    }
    const { ts } = time;
    const readings = this.result.readings;
    if (readings.length > 0 && !this.firstTime(key, ts)) return;
    readings.push({ key, ts, value, receivedAt: this.receivedAt });
    if (time.clamped) this.result.clamped++;
  }

  // Whether no earlier reading of this payload has this key and time; rejects the reading if
  // one has, or if it would be a key too many.
  private firstTime(key: string, ts: number): boolean {
    if (this.seen === undefined) {
      const first = this.result.readings[0]!;
      this.seen = new Map([[first.key, first.ts]]);
    }
    const seen = this.seen.get(key);
    if (seen === undefined) {
      if (this.seen.size >= MAX_KEYS_PER_MESSAGE) {
        this.reject('too_many_keys', key, `more than ${MAX_KEYS_PER_MESSAGE} keys`);
        return false;
      }
      this.seen.set(key, ts);
    } else if (typeof seen === 'number') {
      if (seen === ts) return this.rejectDuplicate(key);
      this.seen.set(key, new Set([seen, ts]));
    } else {
      if (seen.has(ts)) return this.rejectDuplicate(key);
      seen.add(ts);
    }
    return true;
  }

  private rejectDuplicate(key: string): false {
    this.reject('duplicate', key, 'same key and time as an earlier reading');
    return false;
  }

  private reject(reason: RejectReason, key: string | undefined, detail: string): void {
    const where = this.element >= 0 ? `element ${this.element}: ${detail}` : detail;
    if (key === undefined) {
      this.result.rejected.push({ reason, detail: where });
      return;
    }
    const shown =
      key.length > MAX_REPORTED_KEY_LENGTH ? `${key.slice(0, MAX_REPORTED_KEY_LENGTH)}…` : key;
    this.result.rejected.push({ reason, key: shown, detail: where });
  }
}
