import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../shared/ids.js';
import { reading } from '../test/telemetry.js';
import { ReadingBatch } from './reading-batch.js';
import type { StoredReading } from './store.js';

const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const device = 'DEVICE_B' as DeviceId;
const other = 'DEVICE_A' as DeviceId;

describe('ReadingBatch', () => {
  it('keeps readings in the order added, exactly, however many', () => {
    const readings = Array.from({ length: 1_000 }, (_, i) =>
      reading(
        i % 3 === 0 ? other : device,
        `k${i % 7}`,
        T0 + i,
        i / 3 - 1e300 * (i % 2),
        T0 + 2 * i,
      ),
    );
    const batch = new ReadingBatch();
    for (const r of readings) batch.add(r);
    expect(batch.length).toBe(1_000);
    expect(batch.toReadings()).toEqual(readings);
    expect(batch.reading(999)).toEqual(readings[999]);
  });

  it('encodes each device id and key once, for another thread, and decodes to the same readings', () => {
    const readings = [
      reading(device, 'temp', T0, 1.5),
      reading(device, 'hum', T0, -2, T0 + 5),
      reading(other, 'temp', T0 + 1, 1e300),
    ];
    const batch = ReadingBatch.of(readings);
    const encoded = batch.encode();
    expect(encoded.deviceIds).toEqual([device, other]);
    expect(encoded.keys).toEqual(['temp', 'hum']);
    expect(encoded.refs).toHaveLength(6);
    expect(encoded.numbers).toHaveLength(9);
    // Transferring the encoded arrays leaves the batch as it was.
    structuredClone(encoded, { transfer: [encoded.refs.buffer, encoded.numbers.buffer] });
    expect(batch.toReadings()).toEqual(readings);
    const decoded = ReadingBatch.decode(batch.encode());
    expect(decoded.toReadings()).toEqual(readings);
    // A decoded batch takes more readings like any other.
    decoded.add(reading(other, 'hum', T0, 3));
    expect(decoded.encode().keys).toEqual(['temp', 'hum']);
    expect(decoded.reading(3)).toEqual(reading(other, 'hum', T0, 3));
  });

  it('refuses a field of the wrong type instead of storing a number in its place', () => {
    const batch = ReadingBatch.of([reading(device, 'temp', T0, 1)]);
    const wrong: unknown[] = [
      { ...reading(device, 'temp', T0, 0), value: null },
      { ...reading(device, 'temp', T0, 0), key: 7 },
      { ...reading(device, 'temp', T0, 0), ts: '1' },
      { ...reading(device, 'temp', T0, 0), deviceId: undefined },
      { ...reading(device, 'temp', T0, 0), receivedAt: 1n },
    ];
    for (const r of wrong) expect(() => batch.add(r as StoredReading)).toThrow(TypeError);
    expect(batch.toReadings()).toEqual([reading(device, 'temp', T0, 1)]);
  });

  it('orders readings by device id, key and time, in code unit order', () => {
    const readings = [
      reading(device, 'temp', T0 + 2, 1),
      reading(device, 'Temp', T0, 2),
      reading(other, 'temp', T0, 3),
      reading(device, 'temp', T0 + 1, 4),
      reading(device, 'hum', T0 + 9, 5),
    ];
    const batch = ReadingBatch.of(readings);
    expect([...batch.primaryKeyOrder()].map((i) => batch.value(i))).toEqual([3, 2, 5, 4, 1]);
  });

  it('is empty when made of nothing', () => {
    const batch = ReadingBatch.of([]);
    expect(batch.length).toBe(0);
    expect(batch.toReadings()).toEqual([]);
    expect(batch.primaryKeyOrder()).toHaveLength(0);
    batch.add(reading(device, 'temp', T0, 1));
    expect(batch.toReadings()).toEqual([reading(device, 'temp', T0, 1)]);
  });
});
