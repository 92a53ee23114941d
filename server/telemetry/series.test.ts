import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHART_POINTS } from '../../shared/api/machines.js';
import type { DeviceId } from '../../shared/ids.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { insertDevices, reading, writeReadings } from '../test/telemetry.js';
import { RAW_SPAN_MS, loadChartSeries, seriesSource } from './series.js';
import { createTelemetryStore } from './store.js';
import type { StoredReading, TelemetryStore } from './store.js';

const DAY0 = Date.UTC(2026, 10, 27, 0, 0, 0);
const DAY_MS = 86_400_000;
const SPIKE_AT = DAY0 + 13 * 3_600_000 + 7_000;

it('charts up to two hours from raw readings and longer ranges from rollups', () => {
  expect(seriesSource(0, RAW_SPAN_MS)).toBe('raw');
  expect(seriesSource(0, RAW_SPAN_MS + 1)).toBe('rollups');
  expect(RAW_SPAN_MS).toBe(2 * 3_600_000);
});

describe.each(DIALECTS)('chart series on %s', (dialect) => {
  let t: TestDatabase;
  let store: TelemetryStore;
  let device: DeviceId;

  // One day of a reading every 5 s (17,280 raw rows, 1,440 rollups) with one spike.
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    store = createTelemetryStore(t.db);
    [device] = (await insertDevices(t.db, 1)) as [DeviceId];
    let batch: StoredReading[] = [];
    for (let ts = DAY0; ts < DAY0 + DAY_MS; ts += 5_000) {
      const value = ts === SPIKE_AT - 2_000 ? 999 : 20 + Math.sin((ts - DAY0) / 3_600_000);
      batch.push(reading(device, 'temp', ts, value));
      if (batch.length === 5_000) {
        await writeReadings(store, batch);
        batch = [];
      }
    }
    await writeReadings(store, batch);
  });
  afterAll(() => t.destroy());

  it('thins a day of rollups to at most MAX_CHART_POINTS and keeps a one-reading spike', async () => {
    const points = await loadChartSeries(store, {
      deviceId: device,
      key: 'temp',
      from: DAY0,
      to: DAY0 + DAY_MS - 1,
    });
    expect(points.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(points.length).toBeGreaterThan(MAX_CHART_POINTS / 2);
    expect(points[0]![0]).toBe(DAY0);
    expect(points.at(-1)![0]).toBe(DAY0 + DAY_MS - 60_000);
    expect(Math.max(...points.map((p) => p[3]))).toBe(999);
    // Averages are of whole minutes: the spike's minute averages 12 readings.
    for (const [, avg, min, max] of points) {
      expect(min).toBeLessThanOrEqual(avg);
      expect(avg).toBeLessThanOrEqual(max);
    }
  });

  it('returns the rollups of a few hours unthinned, one point per minute', async () => {
    const points = await loadChartSeries(store, {
      deviceId: device,
      key: 'temp',
      from: DAY0 + 3_600_000,
      to: DAY0 + 4 * 3_600_000,
    });
    expect(points).toHaveLength(181);
    const [ts, avg, min, max] = points[0]!;
    expect(ts).toBe(DAY0 + 3_600_000);
    expect(min).toBeLessThan(max);
    expect(avg).toBeCloseTo(20 + Math.sin(1 + 27.5 / 3_600), 4);
  });

  it('charts an hour from raw readings, each point its own min and max', async () => {
    const from = SPIKE_AT - 1_800_000;
    const points = await loadChartSeries(store, {
      deviceId: device,
      key: 'temp',
      from,
      to: from + 3_600_000,
    });
    expect(points).toHaveLength(720);
    expect(points.every(([, avg, min, max]) => avg === min && min === max)).toBe(true);
    expect(points.find((p) => p[1] === 999)?.[0]).toBe(SPIKE_AT - 2_000);
  });

  it('thins raw readings to the requested number of points', async () => {
    const points = await loadChartSeries(store, {
      deviceId: device,
      key: 'temp',
      from: SPIKE_AT - 3_600_000,
      to: SPIKE_AT + 3_600_000,
      maxPoints: 100,
    });
    expect(points).toHaveLength(100);
    expect(Math.max(...points.map((p) => p[3]))).toBe(999);
  });

  it('falls back to rollups when the raw readings of a short range are gone', async () => {
    await t.db
      .deleteFrom('readings')
      .where('ts', '<', DAY0 + 600_000)
      .execute();
    const points = await loadChartSeries(store, {
      deviceId: device,
      key: 'temp',
      from: DAY0,
      to: DAY0 + 300_000,
    });
    expect(points.map((p) => p[0])).toEqual([0, 1, 2, 3, 4, 5].map((m) => DAY0 + m * 60_000));
  });

  it('returns nothing for an empty or reversed range, or an unknown key', async () => {
    expect(
      await loadChartSeries(store, { deviceId: device, key: 'temp', from: DAY0 + 10, to: DAY0 }),
    ).toEqual([]);
    expect(
      await loadChartSeries(store, {
        deviceId: device,
        key: 'nope',
        from: DAY0,
        to: DAY0 + DAY_MS,
      }),
    ).toEqual([]);
  });
});
