// Payload-wide faults (size, encoding, JSON, shape), device time in whole messages, the list of
// reasons, and the speed the broker relies on.
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, REJECT_REASONS, parseTelemetry } from './payload.js';
import type { RejectReason, TelemetryResult } from './payload.js';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const FUTURE = NOW + 5 * 60_000 + 1;

function parseText(text: string): TelemetryResult {
  return parseTelemetry(new TextEncoder().encode(text), NOW);
}

function refused(reason: RejectReason, detail: string): TelemetryResult {
  return { readings: [], rejected: [{ reason, detail }], clamped: 0 };
}

describe('payload-wide faults', () => {
  it('accepts 16 KiB and refuses one byte more before decoding it', () => {
    const filler = 'x'.repeat(MAX_PAYLOAD_BYTES - '{"a":1,"pad":""}'.length);
    const fits = parseText(`{"a":1,"pad":"${filler}"}`);
    expect(fits.readings).toHaveLength(1);
    expect(fits.rejected).toMatchObject([{ reason: 'bad_value', key: 'pad' }]);
    // Invalid UTF-8 as well: the size decides first.
    const tooLarge = new Uint8Array(MAX_PAYLOAD_BYTES + 1).fill(0xff);
    expect(parseTelemetry(tooLarge, NOW)).toEqual(
      refused('too_large', '16385 bytes, at most 16384'),
    );
  });

  it('refuses invalid UTF-8: stray bytes, overlong forms, encoded surrogates', () => {
    for (const bytes of [[0xff], [0x7b, 0xc0, 0xaf, 0x7d], [0x22, 0xed, 0xa0, 0x80, 0x22]]) {
      expect(parseTelemetry(new Uint8Array(bytes), NOW)).toEqual(
        refused('not_utf8', 'the payload is not valid UTF-8'),
      );
    }
  });

  it('accepts a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":1}')]);
    expect(parseTelemetry(bytes, NOW).readings).toEqual([
      { key: 'a', ts: NOW, value: 1, receivedAt: NOW },
    ]);
  });

  it('refuses text that is not JSON', () => {
    for (const text of ['{"a":', "{'a':1}", '{"a":NaN}', 'temp=21.5', '{"a":1}}']) {
      expect(parseText(text).rejected).toMatchObject([{ reason: 'not_json' }]);
    }
  });

  it('refuses a top level, or an array element, that is not an object', () => {
    expect(parseText('42')).toEqual(refused('not_object', 'a number is not a message'));
    expect(parseText('"21.5"')).toEqual(refused('not_object', 'a string is not a message'));
    expect(parseText('null')).toEqual(refused('not_object', 'null is not a message'));
    expect(parseText('[{"a":1},[{"b":2}],true]')).toEqual({
      readings: [{ key: 'a', ts: NOW, value: 1, receivedAt: NOW }],
      rejected: [
        { reason: 'not_object', detail: 'element 1: an array is not a message' },
        { reason: 'not_object', detail: 'element 2: a boolean is not a message' },
      ],
      clamped: 0,
    });
  });

  it('reports empty payloads, messages and objects instead of staying silent', () => {
    expect(parseText('')).toEqual(refused('empty', 'no bytes'));
    expect(parseText('{}')).toEqual(refused('empty', 'empty object'));
    expect(parseText('[]')).toEqual(refused('empty', 'empty array'));
    expect(parseText(`{"ts":${NOW}}`)).toEqual(refused('empty', 'only a timestamp'));
    expect(parseText(`{"ts":${NOW},"values":{}}`)).toEqual(refused('empty', 'no values'));
    expect(parseText('[{"a":1},{}]').rejected).toEqual([
      { reason: 'empty', detail: 'element 1: empty object' },
    ]);
    expect(parseText('{"gyro":{}}').rejected).toEqual([
      { reason: 'empty', key: 'gyro', detail: 'empty object' },
    ]);
  });
});

describe('device time in messages', () => {
  it('clamps future times to the server time and counts the clamped readings', () => {
    const result = parseText(
      `[{"ts":${FUTURE},"a":1,"b":2},{"ts":${NOW - 1000},"values":{"a":3}},` +
        `{"ts":${FUTURE / 1000 + 1},"c":4}]`,
    );
    expect(result).toEqual({
      readings: [
        { key: 'a', ts: NOW, value: 1, receivedAt: NOW },
        { key: 'b', ts: NOW, value: 2, receivedAt: NOW },
        { key: 'a', ts: NOW - 1000, value: 3, receivedAt: NOW },
        { key: 'c', ts: NOW, value: 4, receivedAt: NOW },
      ],
      rejected: [],
      clamped: 3,
    });
  });

  it('refuses every key of a message whose time is too old or unreadable', () => {
    expect(parseText('{"ts":946684799999,"a":1,"b":2}').rejected).toEqual([
      { reason: 'ts_too_old', key: 'a', detail: 'ts 946684799999 is before 2000-01-01' },
      { reason: 'ts_too_old', key: 'b', detail: 'ts 946684799999 is before 2000-01-01' },
    ]);
    expect(parseText('{"ts":"now","values":{"a":1}}').rejected).toEqual([
      { reason: 'bad_ts', key: 'a', detail: 'ts "now" is not epoch seconds or ms' },
    ]);
    expect(parseText('{"ts":1e999,"a":1}').rejected).toMatchObject([{ reason: 'bad_ts' }]);
  });

  it('throws only for a receivedAt that is not epoch milliseconds, a caller bug', () => {
    expect(() => parseTelemetry(new Uint8Array(), Number.NaN)).toThrow(RangeError);
    expect(() => parseTelemetry(new Uint8Array(), 1.5)).toThrow(RangeError);
  });
});

describe('reasons and speed', () => {
  it('can produce every reason in REJECT_REASONS', () => {
    const samples = [
      new Uint8Array(MAX_PAYLOAD_BYTES + 1),
      new Uint8Array([0xff]),
      ...[
        '{',
        '1',
        '{}',
        '{"a b":1}',
        '{"a":null}',
        '{"a":{"b":{"c":{"d":1}}}}',
        '[{"a":1},{"a":2}]',
        '{"ts":"x","a":1}',
        '{"ts":1,"a":1}',
        JSON.stringify(Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`k${i}`, i]))),
      ].map((text) => new TextEncoder().encode(text)),
    ];
    const seen = new Set(
      samples.flatMap((b) => parseTelemetry(b, NOW).rejected.map((r) => r.reason)),
    );
    expect([...seen].sort()).toEqual([...REJECT_REASONS].sort());
  });

  it('parses well over 20,000 small messages per second', () => {
    const messages = [
      '{"temp":21.5,"hum":40.1}',
      `{"ts":${NOW - 1000},"temp":21.25,"hum":40.1}`,
      `{"ts":${NOW - 1000},"values":{"temp":21.25,"hum":"40.1","on":true}}`,
      '{"gyro":{"x":1.5,"y":-0.25,"z":9.81}}',
      '{"clr":{"r":120,"g":80,"b":33}}',
    ].map((text) => Buffer.from(text));
    const count = 100_000;
    let readings = 0;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      readings += parseTelemetry(messages[i % messages.length]!, NOW).readings.length;
    }
    const perSecond = count / ((performance.now() - started) / 1000);
    expect(readings).toBe((count / messages.length) * 13);
    // Measured at about 1.1 million per second on one core; the bound only catches a collapse.
    expect(perSecond).toBeGreaterThan(20_000);
  });
});
