import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { ConfigError, loadConfig } from '../env.js';
import { FakeClock } from '../lib/clock.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { insertDevices, memoryLogger, reading, writeReadings } from '../test/telemetry.js';
import { TelemetryRetention, retentionCutoffs } from './retention.js';
import { createTelemetryStore } from './store.js';
import type { TelemetryStore } from './store.js';

const DAY_MS = 86_400_000;
const MIN = 60_000;

async function rawTimes(db: Db, deviceId: DeviceId): Promise<number[]> {
  const rows = await db
    .selectFrom('readings')
    .select('ts')
    .where('device_id', '=', deviceId)
    .orderBy('key')
    .orderBy('ts')
    .execute();
  return rows.map((r) => r.ts);
}

async function rollupMinutes(db: Db, deviceId: DeviceId): Promise<number[]> {
  const rows = await db
    .selectFrom('reading_rollups')
    .select('minute')
    .where('device_id', '=', deviceId)
    .orderBy('key')
    .orderBy('minute')
    .execute();
  return rows.map((r) => r.minute);
}

describe('telemetry retention settings', () => {
  it('keeps raw readings 30 days and rollups 730 days unless configured', () => {
    expect(loadConfig({}).telemetry).toMatchObject({ rawDays: 30, rollupDays: 730 });
    const config = loadConfig({
      NAHBAR_TELEMETRY_RAW_DAYS: '7',
      NAHBAR_TELEMETRY_ROLLUP_DAYS: '365',
    });
    expect(config.telemetry).toMatchObject({ rawDays: 7, rollupDays: 365 });
  });

  it('refuses days that are not whole and positive, or rollups kept shorter than raw', () => {
    expect(() => loadConfig({ NAHBAR_TELEMETRY_RAW_DAYS: '0' })).toThrow(
      /NAHBAR_TELEMETRY_RAW_DAYS/,
    );
    expect(() => loadConfig({ NAHBAR_TELEMETRY_ROLLUP_DAYS: '1.5' })).toThrow(
      /NAHBAR_TELEMETRY_ROLLUP_DAYS/,
    );
    expect(() =>
      loadConfig({ NAHBAR_TELEMETRY_RAW_DAYS: '60', NAHBAR_TELEMETRY_ROLLUP_DAYS: '30' }),
    ).toThrow(ConfigError);
  });
});

describe.each(DIALECTS)('telemetry retention on %s', (dialect) => {
  let t: TestDatabase;
  let store: TelemetryStore;
  let clock: FakeClock;
  let devices: DeviceId[];
  let retention: TelemetryRetention | undefined;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    store = createTelemetryStore(t.db);
    clock = new FakeClock();
    devices = await insertDevices(t.db, 2);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await retention?.stop();
    retention = undefined;
    await t.destroy();
  });

  function createRetention(batchSize = 3, log = memoryLogger().log): TelemetryRetention {
    retention = new TelemetryRetention({
      store,
      clock,
      log,
      rawDays: 30,
      rollupDays: 730,
      batchSize,
    });
    return retention;
  }

  it('deletes raw readings before the cutoff and keeps the one exactly at it', async () => {
    const cutoff = retentionCutoffs(clock.now(), 30, 730).raw;
    expect(cutoff).toBe(clock.now() - 30 * DAY_MS);
    const [a, b] = devices as [DeviceId, DeviceId];
    // Ten old readings of one key (more than a batch of 3), the boundary pair on every series.
    await writeReadings(store, [
      ...Array.from({ length: 10 }, (_, i) => reading(a, 'temp', cutoff - 1_000 * (i + 1), i)),
      reading(a, 'temp', cutoff - 1, 1),
      reading(a, 'temp', cutoff, 2),
      reading(a, 'temp', clock.now(), 3),
      reading(a, 'hum', cutoff - 1, 4),
      reading(a, 'hum', cutoff, 5),
      reading(b, 'temp', cutoff - 1, 6),
      reading(b, 'temp', cutoff + 1, 7),
    ]);

    const deleted = await createRetention().runOnce();

    expect(deleted.raw).toBe(13);
    expect(await rawTimes(t.db, a)).toEqual([cutoff, cutoff, clock.now()]);
    expect(await rawTimes(t.db, b)).toEqual([cutoff + 1]);
  });

  it('deletes rollups whose minute starts before the cutoff and keeps the minute at it', async () => {
    const cutoff = retentionCutoffs(clock.now(), 30, 730).rollups;
    expect(cutoff % MIN).toBe(0);
    const [a, b] = devices as [DeviceId, DeviceId];
    await writeReadings(store, [
      reading(a, 'temp', cutoff - 5 * MIN, 1),
      reading(a, 'temp', cutoff - 4 * MIN, 1),
      reading(a, 'temp', cutoff - 3 * MIN, 1),
      reading(a, 'temp', cutoff - 2 * MIN, 1),
      // The minute before the cutoff, even though this reading lies 1 ms before it.
      reading(a, 'temp', cutoff - 1, 1),
      reading(a, 'temp', cutoff, 2),
      reading(b, 'temp', cutoff + 59_999, 3),
    ]);

    const deleted = await createRetention().runOnce();

    expect(deleted.rollups).toBe(5);
    expect(await rollupMinutes(t.db, a)).toEqual([cutoff]);
    expect(await rollupMinutes(t.db, b)).toEqual([cutoff]);
    // Those raw readings were far older than 30 days and went too.
    expect(deleted.raw).toBe(7);
  });

  it('deletes nothing when nothing is old', async () => {
    await writeReadings(store, [reading(devices[0]!, 'temp', clock.now() - DAY_MS, 1)]);
    expect(await createRetention().runOnce()).toEqual({ raw: 0, rollups: 0 });
    expect(await rawTimes(t.db, devices[0]!)).toHaveLength(1);
  });

  it('runs shortly after start and then every interval, by the clock it was given', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const memory = memoryLogger('info');
    retention = new TelemetryRetention({
      store,
      clock,
      log: memory.log,
      rawDays: 30,
      rollupDays: 730,
      firstRunDelayMs: 60_000,
      intervalMs: 3_600_000,
    });
    const device = devices[0]!;
    const day31 = clock.now() - 31 * DAY_MS;
    await writeReadings(store, [
      reading(device, 'temp', day31, 1),
      reading(device, 'hum', day31, 1),
    ]);
    await retention.start();

    let ran = memory.logged('telemetry retention deleted old rows');
    await vi.advanceTimersByTimeAsync(60_000);
    await ran;
    expect(await rawTimes(t.db, device)).toEqual([]);

    // A reading that turns 30 days old within the next hour.
    const soon = clock.now() - 30 * DAY_MS + 1_000;
    await writeReadings(store, [reading(device, 'temp', soon, 1)]);
    clock.advance(3_600_000);
    ran = memory.logged('telemetry retention deleted old rows');
    await vi.advanceTimersByTimeAsync(3_600_000);
    await ran;
    expect(await rawTimes(t.db, device)).toEqual([]);
    await retention.stop();
  });
});
