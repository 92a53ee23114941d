// Leaf rules: numeric strings, key names and the reading time of a device timestamp.
import { describe, expect, it } from 'vitest';
import {
  MAX_FUTURE_SKEW_MS,
  MIN_TS,
  checkKeyName,
  isValidKey,
  readTimestamp,
  readValue,
} from './rules.js';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

describe('readValue', () => {
  it.each([
    [21.5, 21.5],
    [-0.001, -0.001],
    [true, 1],
    [false, 0],
    ['21.5', 21.5],
    ['-7', -7],
    ['+3', 3],
    ['5.', 5],
    ['.25', 0.25],
    ['1E-3', 0.001],
    ['007', 7],
  ])('reads %j as %d', (raw, value) => {
    expect(readValue(raw)).toBe(value);
  });

  it.each([
    '',
    ' 21.5',
    '21.5 ',
    '21,5',
    '0x10',
    '0b1',
    'Infinity',
    'NaN',
    '1e400',
    '-',
    '.',
    '1e',
    '1_000',
    '1'.repeat(65),
    null,
    undefined,
    [1],
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])('refuses %j', (raw) => {
    expect(readValue(raw)).toBeUndefined();
  });
});

describe('key names', () => {
  it('accepts dotted segments of letters, digits, _ and -', () => {
    for (const name of ['temp', 'gyro.x', 'snd_level', 'a-b.c_d.9', 'X'.repeat(64)]) {
      expect(checkKeyName(name), name).toBeUndefined();
    }
  });

  it('says why a name is refused', () => {
    expect(checkKeyName('')).toBe('empty name');
    expect(checkKeyName('x'.repeat(65))).toBe('longer than 64 characters');
    expect(checkKeyName('a b')).toBe('only letters, digits, _, - and inner dots are allowed');
    expect(checkKeyName('a.')).toBe('only letters, digits, _, - and inner dots are allowed');
    expect(checkKeyName('a.__proto__.b')).toBe('reserved name');
  });

  it('keeps names that merely contain a reserved word', () => {
    expect(isValidKey('constructor_id')).toBe(true);
    expect(isValidKey('my.prototypes')).toBe(true);
    expect(isValidKey('ts')).toBe(false);
  });
});

describe('readTimestamp', () => {
  it('uses the server time when the message has none', () => {
    expect(readTimestamp(undefined, NOW)).toEqual({ ok: true, ts: NOW, clamped: false });
  });

  it('reads values below 1e11 as epoch seconds and the rest as milliseconds', () => {
    const ms = Date.UTC(2023, 10, 14, 22, 13, 20);
    expect(readTimestamp(ms, NOW)).toEqual({ ok: true, ts: ms, clamped: false });
    expect(readTimestamp(ms / 1000, NOW)).toEqual({ ok: true, ts: ms, clamped: false });
    expect(readTimestamp(String(ms), NOW)).toEqual({ ok: true, ts: ms, clamped: false });
    expect(readTimestamp(String(ms / 1000), NOW)).toEqual({ ok: true, ts: ms, clamped: false });
  });

  it('rounds fractional seconds to the millisecond they mean and floors fractional ms', () => {
    expect(readTimestamp(1073930535.215, NOW)).toMatchObject({ ts: 1073930535215 });
    expect(readTimestamp(1700000000.0006, NOW)).toMatchObject({ ts: 1700000000001 });
    expect(readTimestamp(1700000000000.9, NOW)).toMatchObject({ ts: 1700000000000 });
  });

  it('accepts 2000-01-01 and refuses anything earlier, in seconds or milliseconds', () => {
    expect(readTimestamp(MIN_TS, NOW)).toEqual({ ok: true, ts: MIN_TS, clamped: false });
    expect(readTimestamp(MIN_TS / 1000, NOW)).toEqual({ ok: true, ts: MIN_TS, clamped: false });
    for (const raw of [MIN_TS - 1, MIN_TS / 1000 - 1, 0, -1, 1e11]) {
      expect(readTimestamp(raw, NOW), String(raw)).toMatchObject({
        ok: false,
        reason: 'ts_too_old',
      });
    }
  });

  it('keeps a device clock up to 5 minutes ahead and clamps one further ahead', () => {
    const edge = NOW + MAX_FUTURE_SKEW_MS;
    expect(readTimestamp(edge, NOW)).toEqual({ ok: true, ts: edge, clamped: false });
    expect(readTimestamp(edge + 1, NOW)).toEqual({ ok: true, ts: NOW, clamped: true });
    // Just below 1e11 means seconds, the year 5138; microseconds read as milliseconds lie
    // further still. Both are clamped, so they get counted.
    expect(readTimestamp(1e11 - 1, NOW)).toEqual({ ok: true, ts: NOW, clamped: true });
    expect(readTimestamp(NOW * 1000, NOW)).toEqual({ ok: true, ts: NOW, clamped: true });
  });

  it.each([null, true, 'yesterday', '', ' 1700000000', {}, [1700000000], Number.NaN])(
    'refuses %j as bad_ts',
    (raw) => {
      expect(readTimestamp(raw, NOW)).toMatchObject({ ok: false, reason: 'bad_ts' });
    },
  );
});
