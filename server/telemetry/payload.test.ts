// Telemetry payloads: ThingsBoard and WunderBar forms become exact readings, and every fault
// becomes a rejection with its reason while the good keys are kept.
import { describe, expect, it } from 'vitest';
import { parseTelemetry } from './payload.js';
import type { TelemetryResult } from './payload.js';
import type { TelemetryReading } from './telemetry.schemas.js';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const T1 = Date.UTC(2026, 10, 28, 8, 59, 0);
const T2 = Date.UTC(2026, 10, 28, 8, 59, 30);

function parse(payload: unknown, receivedAt = NOW): TelemetryResult {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return parseTelemetry(new TextEncoder().encode(text), receivedAt);
}

function at(ts: number, values: Record<string, number>): TelemetryReading[] {
  return Object.entries(values).map(([key, value]) => ({ key, ts, value, receivedAt: NOW }));
}

function accepted(readings: TelemetryReading[], clamped = 0): TelemetryResult {
  return { readings, rejected: [], clamped };
}

describe('ThingsBoard telemetry', () => {
  it('reads key-values at server time', () => {
    expect(parse({ temperature: 42, humidity: 73.5, active: false, state: '21.5' })).toEqual(
      accepted(at(NOW, { temperature: 42, humidity: 73.5, active: 0, state: 21.5 })),
    );
  });

  it('reads the ts/values form at device time', () => {
    expect(parse({ ts: T1, values: { key1: 1, key2: true } })).toEqual(
      accepted(at(T1, { key1: 1, key2: 1 })),
    );
  });

  it('reads an array of ts/values entries', () => {
    expect(
      parse([
        { ts: T1, values: { temp: 21 } },
        { ts: T2, values: { temp: 21.5 } },
      ]),
    ).toEqual(accepted([...at(T1, { temp: 21 }), ...at(T2, { temp: 21.5 })]));
  });

  it('reads a mixed array of key-values, ts/values and WunderBar messages in order', () => {
    expect(
      parse([{ a: 1 }, { ts: T1, values: { b: 2 } }, { ts: T2 / 1000, c: 3, gyro: { x: 4 } }]),
    ).toEqual(
      accepted([...at(NOW, { a: 1 }), ...at(T1, { b: 2 }), ...at(T2, { c: 3, 'gyro.x': 4 })]),
    );
  });

  it('treats values without ts as an ordinary nested object, as ThingsBoard does', () => {
    expect(parse({ values: { temp: 1 } })).toEqual(accepted(at(NOW, { 'values.temp': 1 })));
  });

  it('refuses keys beside ts and values but keeps the values', () => {
    expect(parse({ ts: T1, values: { temp: 1 }, device: 'x' })).toEqual({
      readings: at(T1, { temp: 1 }),
      rejected: [{ reason: 'bad_key', key: 'device', detail: 'only ts may stand beside values' }],
      clamped: 0,
    });
  });

  it('refuses a reading named ts inside values', () => {
    const result = parse({ ts: T1, values: { ts: 5, temp: 1 } });
    expect(result.readings).toEqual(at(T1, { temp: 1 }));
    expect(result.rejected).toMatchObject([{ reason: 'bad_key', key: 'ts' }]);
  });
});

describe('relayr WunderBar modules', () => {
  it('reads the HTU module (temperature, humidity) at its ts', () => {
    expect(parse({ ts: T1, temp: 21.25, hum: 40.1 })).toEqual(
      accepted(at(T1, { temp: 21.25, hum: 40.1 })),
    );
  });

  it('flattens the gyro and accelerometer vectors', () => {
    const payload = { ts: T1, gyro: { x: 1.5, y: -0.25, z: 0 }, accel: { x: 0.01, y: 0, z: 9.81 } };
    expect(parse(payload)).toEqual(
      accepted(
        at(T1, {
          'gyro.x': 1.5,
          'gyro.y': -0.25,
          'gyro.z': 0,
          'accel.x': 0.01,
          'accel.y': 0,
          'accel.z': 9.81,
        }),
      ),
    );
  });

  it('reads the light and colour module', () => {
    expect(parse({ ts: T1, light: 512, clr: { r: 120, g: 80, b: 33 } })).toEqual(
      accepted(at(T1, { light: 512, 'clr.r': 120, 'clr.g': 80, 'clr.b': 33 })),
    );
  });

  it('reads proximity, sound level and battery', () => {
    expect(parse({ ts: T1, prox: 1023 })).toEqual(accepted(at(T1, { prox: 1023 })));
    expect(parse({ ts: T1, snd_level: 56 })).toEqual(accepted(at(T1, { snd_level: 56 })));
    expect(parse({ ts: T1, val: 87 })).toEqual(accepted(at(T1, { val: 87 })));
  });

  it('flattens any sensor three levels deep and refuses deeper nesting', () => {
    expect(parse({ motor: { phase: { a: 1.2 } } })).toEqual(
      accepted(at(NOW, { 'motor.phase.a': 1.2 })),
    );
    expect(parse({ motor: { phase: { a: { x: 1 } } }, rpm: 900 })).toEqual({
      readings: at(NOW, { rpm: 900 }),
      rejected: [{ reason: 'too_deep', key: 'motor.phase.a', detail: 'nested more than 3 levels' }],
      clamped: 0,
    });
  });
});

describe('values', () => {
  it('accepts numeric strings and booleans', () => {
    expect(parse({ a: '-3', b: '1e3', c: '.5', d: '+2.', e: true, f: false })).toEqual(
      accepted(at(NOW, { a: -3, b: 1000, c: 0.5, d: 2, e: 1, f: 0 })),
    );
  });

  it('keeps the good keys and reports each bad value', () => {
    const result = parse('{"ok":1,"s":"warm","n":null,"arr":[1,2],"big":1e400,"hex":"0x10"}');
    expect(result.readings).toEqual(at(NOW, { ok: 1 }));
    expect(result.rejected).toEqual([
      { reason: 'bad_value', key: 's', detail: '"warm" is not a number' },
      { reason: 'bad_value', key: 'n', detail: 'null is not a reading' },
      { reason: 'bad_value', key: 'arr', detail: 'an array is not a reading' },
      { reason: 'bad_value', key: 'big', detail: 'number out of range' },
      { reason: 'bad_value', key: 'hex', detail: '"0x10" is not a number' },
    ]);
  });
});

describe('keys', () => {
  it('accepts 64 characters and refuses 65, also after flattening', () => {
    const k64 = 'k'.repeat(64);
    expect(parse({ [k64]: 1 })).toEqual(accepted(at(NOW, { [k64]: 1 })));
    const result = parse({ ['k'.repeat(65)]: 1, ['a'.repeat(40)]: { ['b'.repeat(24)]: 2 } });
    expect(result.readings).toEqual([]);
    expect(result.rejected.map((r) => r.reason)).toEqual(['bad_key', 'bad_key']);
  });

  it('refuses bad characters, empty names, stray dots and reserved names', () => {
    const result = parse(
      '{"a b":1,"":2,"x..y":3,".z":4,"ü":5,"__proto__":6,"constructor":7,' +
        '"m":{"prototype":8},"ok-1_x.y":9}',
    );
    expect(result.readings).toEqual(at(NOW, { 'ok-1_x.y': 9 }));
    expect(result.rejected.map((r) => [r.reason, r.key])).toEqual([
      ['bad_key', 'a b'],
      ['bad_key', ''],
      ['bad_key', 'x..y'],
      ['bad_key', '.z'],
      ['bad_key', 'ü'],
      ['bad_key', '__proto__'],
      ['bad_key', 'constructor'],
      ['bad_key', 'm.prototype'],
    ]);
  });

  it('cuts long keys in rejections to 100 characters', () => {
    const [rejection] = parse({ ['x'.repeat(5000)]: 1 }).rejected;
    expect(rejection?.key).toBe(`${'x'.repeat(100)}…`);
  });

  it('accepts 256 distinct keys and refuses new keys after that', () => {
    const values = Object.fromEntries(Array.from({ length: 258 }, (_, i) => [`k${i}`, i]));
    // A key seen before takes no new place, even at another time.
    const result = parse([values, { ts: T1, k0: 5, k300: 6 }]);
    expect(result.readings).toHaveLength(256 + 1);
    expect(result.readings.at(-1)).toEqual({ key: 'k0', ts: T1, value: 5, receivedAt: NOW });
    expect(result.rejected).toEqual([
      { reason: 'too_many_keys', key: 'k256', detail: 'element 0: more than 256 keys' },
      { reason: 'too_many_keys', key: 'k257', detail: 'element 0: more than 256 keys' },
      { reason: 'too_many_keys', key: 'k300', detail: 'element 1: more than 256 keys' },
    ]);
  });

  it('keeps the first of two readings with the same key and time', () => {
    const result = parse('{"gyro.x":1,"gyro":{"x":2}}');
    expect(result.readings).toEqual(at(NOW, { 'gyro.x': 1 }));
    expect(result.rejected).toMatchObject([{ reason: 'duplicate', key: 'gyro.x' }]);
    // Array elements without ts all get the server time, so they collide too.
    expect(parse([{ temp: 1 }, { temp: 2 }])).toEqual({
      readings: at(NOW, { temp: 1 }),
      rejected: [
        {
          reason: 'duplicate',
          key: 'temp',
          detail: 'element 1: same key and time as an earlier reading',
        },
      ],
      clamped: 0,
    });
  });
});
