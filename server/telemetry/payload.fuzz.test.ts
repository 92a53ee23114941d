// Fuzzing parseTelemetry with random and hostile payloads: it never throws, never yields a reading
// with a bad key or value, never goes silent, and stays fast. Every run uses a fixed seed and a
// fresh one; the seed is in the test name and in every failure, and adding it to SEEDS replays it.
import { describe, expect, it } from 'vitest';
import { Rng } from '../test/lounge-fuzz.js';
import { MAX_PAYLOAD_BYTES, REJECT_REASONS, parseTelemetry } from './payload.js';
import type { TelemetryResult } from './payload.js';
import { MAX_FUTURE_SKEW_MS, MAX_KEYS_PER_MESSAGE, MIN_TS } from './rules.js';
import { telemetryReadingSchema, type TelemetryReading } from './telemetry.schemas.js';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const SEEDS = [20261128, Math.floor(Math.random() * 2 ** 31)];
const GARBAGE_CASES = 10_000;
const WELL_FORMED_CASES = 2_000;
// Far above the few microseconds a payload takes; only a pathological (e.g. quadratic) path fails.
const MAX_MS_PER_PAYLOAD = 250;

const NAMES = [
  ...['temp', 'hum', 'gyro', 'accel', 'x', 'y', 'z', 'clr', 'r', 'g', 'b', 'light', 'prox'],
  ...['snd_level', 'val', 'ts', 'values', 'a.b', 'gyro.x', '1', '0', 'k'.repeat(64)],
  ...['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'],
  ...['', '.', 'a..b', '.a', 'a.', 'a b', 'ü', '😀', '\u0000', '\u202e', 'k'.repeat(65)],
];
const LITERALS = [
  ...['0', '-0', '1', '-1', '21.5', '1e308', '-1e308', '1e309', '-1e999', '5e-324', '1e-400'],
  ...['1'.repeat(400), `0.${'0'.repeat(300)}1`, '9007199254740993', 'true', 'false', 'null'],
  ...['""', '"21.5"', '" 21.5"', '"1e400"', '"NaN"', '"Infinity"', '"0x1f"', '"21,5"', '"warm"'],
  ...['"😀"', '"\\u0000"', '"\\ud800"', '[]', '[1,2]', '{}', String(NOW), String(NOW / 1000)],
  ...[String(NOW * 1000), '"2026-11-28T09:00:00Z"', '946684799999', '946684800000', '-1e15'],
];
const CHARS = ['{', '}', '[', ']', '"', ':', ',', '0', '9', 'e', '.', '-', 'a', '\\', ' ', 'ü'];

function randomText(rng: Rng, max: number): string {
  let s = '';
  const length = rng.int(max + 1);
  for (let i = 0; i < length; i++) {
    s += rng.chance(0.8)
      ? String.fromCharCode(32 + rng.int(95))
      : String.fromCodePoint(rng.int(0x110000));
  }
  return s;
}

function nameText(rng: Rng): string {
  return JSON.stringify(rng.chance(0.85) ? rng.pick(NAMES) : randomText(rng, 12));
}

function valueText(rng: Rng, depth: number): string {
  const roll = rng.int(10);
  if (depth > 0 && roll < 3) return objectText(rng, depth - 1);
  if (depth > 0 && roll === 3) {
    return `[${Array.from({ length: rng.int(4) }, () => valueText(rng, depth - 1)).join(',')}]`;
  }
  if (roll === 4) return String((rng.next() - 0.5) * 10 ** rng.int(25));
  if (roll === 5) return JSON.stringify(randomText(rng, 20));
  return rng.pick(LITERALS);
}

function objectText(rng: Rng, depth: number): string {
  const count = rng.int(7);
  const entries = Array.from({ length: count }, () => `${nameText(rng)}:${valueText(rng, depth)}`);
  if (rng.chance(0.3)) entries.unshift(`"ts":${rng.pick(LITERALS)}`);
  return `{${entries.join(',')}}`;
}

function wideObjectText(rng: Rng): string {
  const count = 250 + rng.int(100);
  const entries = Array.from({ length: count }, (_, i) => {
    const value = rng.chance(0.9) ? String(rng.int(1000)) : valueText(rng, 0);
    return `"k${rng.chance(0.95) ? i : rng.int(count)}":${value}`;
  });
  return `{${entries.join(',')}}`;
}

function messageText(rng: Rng): string {
  // Now and then a wide one, past the limit of distinct keys.
  const body = rng.chance(0.03) ? wideObjectText(rng) : objectText(rng, rng.int(5));
  return rng.chance(0.3) ? `{"ts":${rng.pick(LITERALS)},"values":${body}}` : body;
}

function payloadText(rng: Rng): string {
  if (!rng.chance(0.3)) return messageText(rng);
  const items = Array.from({ length: rng.int(6) }, () =>
    rng.chance(0.9) ? messageText(rng) : valueText(rng, 2),
  );
  return `[${items.join(',')}]`;
}

function mutate(rng: Rng, text: string): string {
  let s = text;
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const at = rng.int(s.length + 1);
    const op = rng.int(3);
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1);
    else if (op === 1) s = s.slice(0, at) + rng.pick(CHARS) + s.slice(at);
    else s = s.slice(0, at) + s.slice(at, at + rng.int(40)) + s.slice(at);
  }
  return s;
}

function nested(rng: Rng): string {
  const depth = 1 + rng.int(3000);
  const [open, close] = rng.pick([
    ['{"a":', '}'],
    ['[', ']'],
    ['[{"a":', '}]'],
    ['{"gyro":{"x":', '}}'],
  ] as const);
  return open.repeat(depth) + rng.pick(['1', '[]', '{}', '"x"']) + close.repeat(depth);
}

/** One payload and the name of the generator that made it. */
function garbagePayload(rng: Rng): { kind: string; bytes: Uint8Array } {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  switch (rng.int(9)) {
    case 0: {
      const length = rng.chance(0.05) ? MAX_PAYLOAD_BYTES - 100 + rng.int(200) : rng.int(300);
      return { kind: 'random bytes', bytes: Uint8Array.from({ length }, () => rng.int(256)) };
    }
    case 1:
      return { kind: 'random unicode', bytes: text(randomText(rng, 200)) };
    case 2: {
      const whole = payloadText(rng);
      return { kind: 'truncated json', bytes: text(whole.slice(0, rng.int(whole.length))) };
    }
    case 3:
      return { kind: 'mutated json', bytes: text(mutate(rng, payloadText(rng))) };
    case 4:
      return { kind: 'deep nesting', bytes: text(nested(rng)) };
    case 5: {
      const long = 'x'.repeat(rng.int(MAX_PAYLOAD_BYTES + 1000));
      const body = rng.chance(0.5) ? `{"a":"${long}","b":1}` : `{"${long}":1,"b":2}`;
      return { kind: 'long strings', bytes: text(body) };
    }
    case 6: {
      const body = rng.pick([
        '{"__proto__":{"polluted":1,"temp":2},"constructor":{"prototype":{"polluted":1}}}',
        '[{"__proto__":{"ts":1}},{"ts":1700000000,"values":{"__proto__":{"polluted":1}}}]',
        '{"prototype":1,"a":{"constructor":{"name":1}},"toString":1,"hasOwnProperty":2}',
      ]);
      return { kind: 'prototype keys', bytes: text(body) };
    }
    default:
      return { kind: 'random json', bytes: text(payloadText(rng)) };
  }
}

// The key rule restated independently of rules.ts, so that a slip there cannot hide here.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
function isGoodKey(key: string): boolean {
  return (
    key.length <= 64 &&
    key !== 'ts' &&
    key.split('.').every((part) => /^[A-Za-z0-9_-]+$/.test(part) && !RESERVED.has(part))
  );
}

/** The first broken promise in a result, or undefined when it keeps them all. */
function findViolation(result: TelemetryResult, byteLength: number): string | undefined {
  if (result.readings.length === 0 && result.rejected.length === 0) return 'silent: nothing';
  const times = new Set<string>();
  const keys = new Set<string>();
  for (const reading of result.readings) {
    const shown = JSON.stringify(reading);
    if (!telemetryReadingSchema.safeParse(reading).success) return `invalid reading ${shown}`;
    if (!Number.isFinite(reading.value) || !isGoodKey(reading.key)) return `bad ${shown}`;
    if (reading.ts > NOW + MAX_FUTURE_SKEW_MS || reading.ts < MIN_TS) return `time ${shown}`;
    if (reading.receivedAt !== NOW || Object.keys(reading).length !== 4) return `shape ${shown}`;
    const id = `${reading.key}@${reading.ts}`;
    if (times.has(id)) return `duplicate ${shown}`;
    times.add(id);
    keys.add(reading.key);
  }
  if (keys.size > MAX_KEYS_PER_MESSAGE) return `${keys.size} keys`;
  if (result.clamped < 0 || result.clamped > result.readings.length) return 'clamped count';
  for (const rejection of result.rejected) {
    if (!REJECT_REASONS.includes(rejection.reason)) return `reason ${rejection.reason}`;
    if ((rejection.key?.length ?? 0) > 101) return 'rejection key not cut';
  }
  if (byteLength > MAX_PAYLOAD_BYTES && result.rejected[0]?.reason !== 'too_large') return 'size';
  return undefined;
}

// Names that are valid keys on their own and cannot collide once flattened (no dots).
const VALID_NAMES = NAMES.slice(0, 15);

/** The JSON of an object of valid readings under `prefix`; pushes the readings it must give. */
function wellFormedObject(
  rng: Rng,
  prefix: string,
  depth: number,
  ts: number,
  out: TelemetryReading[],
): string {
  const names = new Set(Array.from({ length: 1 + rng.int(5) }, () => rng.pick(VALID_NAMES)));
  const entries = [...names].map((name) => {
    const key = prefix === '' ? name : `${prefix}.${name}`;
    if (depth < 3 && rng.chance(0.2))
      return `"${name}":${wellFormedObject(rng, key, depth + 1, ts, out)}`;
    // Never zero, so that -0 cannot appear; three decimals survive String() and back.
    const value = Math.round((rng.next() - 0.5) * 10 ** rng.int(9) * 1000) / 1000 || 1;
    const form = rng.int(3);
    const text = form === 0 ? String(value) : form === 1 ? `"${value}"` : String(value > 0);
    out.push({ key, ts, value: form === 2 ? Number(value > 0) : value, receivedAt: NOW });
    return `"${name}":${text}`;
  });
  return `{${entries.join(',')}}`;
}

/** A payload of only valid parts, and the readings it must give. */
function wellFormedPayload(rng: Rng): { text: string; readings: TelemetryReading[] } {
  const readings: TelemetryReading[] = [];
  const messages: string[] = [];
  const count = 1 + rng.int(4);
  for (let m = 0; m < count; m++) {
    // One past time per element, an hour apart so they differ; a lone message may have none.
    const ts =
      count === 1 && rng.chance(0.3) ? undefined : NOW - (m + 1) * 3_600_000 + rng.int(1e6);
    const body = wellFormedObject(rng, '', 1, ts ?? NOW, readings);
    const tsText = String(rng.chance(0.5) ? ts : (ts ?? 0) / 1000);
    if (ts === undefined) messages.push(body);
    else if (rng.chance(0.5)) messages.push(`{"ts":${tsText},"values":${body}}`);
    else messages.push(`{"ts":${tsText},${body.slice(1)}`);
  }
  const text = count === 1 && rng.chance(0.5) ? messages[0]! : `[${messages.join(',')}]`;
  return { text, readings };
}

describe.each(SEEDS)('parseTelemetry fuzz, seed %i', (seed) => {
  it(`survives ${GARBAGE_CASES} garbage payloads with every promise kept (seed ${seed})`, () => {
    const rng = new Rng(seed);
    const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
    const failures: string[] = [];
    let slowest = 0;
    let withReadings = 0;
    for (let i = 0; i < GARBAGE_CASES && failures.length < 5; i++) {
      const { kind, bytes } = garbagePayload(rng);
      const where = `seed ${seed} case ${i} (${kind}, ${bytes.byteLength} bytes)`;
      const preview = JSON.stringify(new TextDecoder().decode(bytes.subarray(0, 120)));
      const started = performance.now();
      let result: TelemetryResult;
      try {
        result = parseTelemetry(bytes, NOW);
      } catch (error) {
        failures.push(`${where}: threw ${String(error)} for ${preview}`);
        continue;
      }
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      if (took > MAX_MS_PER_PAYLOAD) failures.push(`${where}: took ${took.toFixed(1)} ms`);
      if (result.readings.length > 0) withReadings++;
      const violation = findViolation(result, bytes.byteLength);
      if (violation !== undefined) failures.push(`${where}: ${violation} for ${preview}`);
    }
    expect(failures).toEqual([]);
    // Guards the generators: a fuzz whose payloads all fail early would prove little.
    expect(withReadings).toBeGreaterThan(GARBAGE_CASES / 20);
    expect(slowest).toBeLessThan(MAX_MS_PER_PAYLOAD);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(`reads ${WELL_FORMED_CASES} random well-formed payloads exactly (seed ${seed})`, () => {
    const rng = new Rng(seed);
    for (let i = 0; i < WELL_FORMED_CASES; i++) {
      const { text, readings } = wellFormedPayload(rng);
      const result = parseTelemetry(new TextEncoder().encode(text), NOW);
      expect(result, `seed ${seed} case ${i}: ${text}`).toEqual({
        readings,
        rejected: [],
        clamped: 0,
      });
    }
  });
});
