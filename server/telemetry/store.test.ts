import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { DIALECTS_WITH_FILE, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { insertDevices, reading, writeReadings } from '../test/telemetry.js';
import { createTelemetryStore } from './store.js';
import type { TelemetryStore } from './store.js';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
const MIN = 60_000;

async function rollups(db: Db, deviceId: DeviceId, key: string) {
  return db
    .selectFrom('reading_rollups')
    .select(['minute', 'count', 'sum', 'min', 'max'])
    .where('device_id', '=', deviceId)
    .where('key', '=', key)
    .orderBy('minute')
    .execute();
}

async function rawCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('readings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function lastSeen(db: Db, deviceId: DeviceId): Promise<number | null> {
  const row = await db
    .selectFrom('devices')
    .select('last_seen_at')
    .where('id', '=', deviceId)
    .executeTakeFirstOrThrow();
  return row.last_seen_at;
}

describe.each(DIALECTS_WITH_FILE)('telemetry store on %s', (dialect) => {
  let t: TestDatabase;
  let store: TelemetryStore;
  let device: DeviceId;
  let other: DeviceId;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    store = createTelemetryStore(t.db);
    [device, other] = (await insertDevices(t.db, 2)) as [DeviceId, DeviceId];
  });
  afterEach(async () => {
    await store.close();
    await t.destroy();
  });

  it('stores raw rows, per-minute rollups, new keys and last_seen_at in one batch', async () => {
    const batch = [
      reading(device, 'temp', T0 + 1_000, 20),
      reading(device, 'temp', T0 + 2_000, 24),
      reading(device, 'temp', T0 + MIN + 5, 30),
      reading(device, 'hum', T0 + 1_000, 40, T0 + 9_000),
      reading(other, 'temp', T0 + 3_000, -5),
    ];
    expect(await writeReadings(store, batch)).toBe(5);

    expect(await store.rawSeries(device, 'hum', T0, T0 + MIN)).toEqual([
      { ts: T0 + 1_000, value: 40 },
    ]);
    const received = await t.db
      .selectFrom('readings')
      .select('received_at')
      .where('key', '=', 'hum')
      .executeTakeFirstOrThrow();
    expect(received.received_at).toBe(T0 + 9_000);
    expect(await rollups(t.db, device, 'temp')).toEqual([
      { minute: T0, count: 2, sum: 44, min: 20, max: 24 },
      { minute: T0 + MIN, count: 1, sum: 30, min: 30, max: 30 },
    ]);
    const keys = await t.db
      .selectFrom('device_keys')
      .select(['device_id', 'key', 'display_name'])
      .orderBy('device_id')
      .orderBy('key')
      .execute();
    expect(keys).toHaveLength(3);
    expect(keys.filter((k) => k.device_id === device).map((k) => k.key)).toEqual(['hum', 'temp']);
    expect(keys.every((k) => k.display_name === null)).toBe(true);
    expect(await lastSeen(t.db, device)).toBe(T0 + MIN + 5);
    expect(await lastSeen(t.db, other)).toBe(T0 + 3_000);
  });

  it('merges a minute that arrives in several batches into one rollup', async () => {
    await writeReadings(store, [reading(device, 'temp', T0 + 1_000, 10)]);
    await writeReadings(store, [reading(device, 'temp', T0 + 2_000, 2.5)]);
    await writeReadings(store, [reading(device, 'temp', T0 + 59_999, 30)]);
    expect(await rollups(t.db, device, 'temp')).toEqual([
      { minute: T0, count: 3, sum: 42.5, min: 2.5, max: 30 },
    ]);
  });

  it('skips a redelivered reading without failing the batch or counting it twice', async () => {
    const first = [reading(device, 'temp', T0, 10), reading(device, 'temp', T0 + 1_000, 11)];
    expect(await writeReadings(store, first)).toBe(2);
    // A QoS 1 redelivery of the same message (with a different value, which loses) plus one
    // new reading, and a repeat inside the same batch.
    const again = [
      reading(device, 'temp', T0, 99),
      reading(device, 'temp', T0 + 2_000, 12),
      reading(device, 'temp', T0 + 2_000, 12),
    ];
    expect(await writeReadings(store, again)).toBe(1);
    expect(await store.rawSeries(device, 'temp', T0, T0 + MIN)).toEqual([
      { ts: T0, value: 10 },
      { ts: T0 + 1_000, value: 11 },
      { ts: T0 + 2_000, value: 12 },
    ]);
    expect(await rollups(t.db, device, 'temp')).toEqual([
      { minute: T0, count: 3, sum: 33, min: 10, max: 12 },
    ]);
  });

  it('never moves last_seen_at backwards', async () => {
    await writeReadings(store, [reading(device, 'temp', T0 + 10_000, 1)]);
    await writeReadings(store, [reading(device, 'temp', T0 + 5_000, 1)]);
    expect(await lastSeen(t.db, device)).toBe(T0 + 10_000);
  });

  it('stores readings of an unknown device without registering its keys', async () => {
    const ghost = 'deleted-device' as DeviceId;
    expect(
      await writeReadings(store, [reading(ghost, 'temp', T0, 1), reading(device, 'x', T0, 2)]),
    ).toBe(2);
    expect(await store.rawSeries(ghost, 'temp', T0, T0)).toEqual([{ ts: T0, value: 1 }]);
    const keys = await t.db.selectFrom('device_keys').select('device_id').execute();
    expect(keys).toEqual([{ device_id: device }]);
  });

  it('commits all of a batch or nothing', async () => {
    await writeReadings(store, [reading(device, 'temp', T0, 1)]);
    // The last row breaks a constraint after the other rows were inserted: SQLite binds NaN as
    // NULL, which NOT NULL refuses (PostgreSQL stores NaN); a 65-character key is too long for
    // PostgreSQL's varchar(64) (SQLite does not enforce the length).
    const broken =
      dialect === 'postgres'
        ? reading(other, 'z'.repeat(65), T0, 0)
        : reading(other, 'zzz', T0, Number.NaN);
    const batch = [
      reading(device, 'temp', T0 + 1_000, 5),
      reading(device, 'new', T0 + 1_000, 5),
      broken,
    ];
    await expect(writeReadings(store, batch)).rejects.toThrow();
    expect(await rawCount(t.db)).toBe(1);
    expect(await rollups(t.db, device, 'temp')).toEqual([
      { minute: T0, count: 1, sum: 1, min: 1, max: 1 },
    ]);
    expect(await lastSeen(t.db, device)).toBe(T0);
    expect(await lastSeen(t.db, other)).toBeNull();
    const keys = await t.db.selectFrom('device_keys').select('key').execute();
    expect(keys).toEqual([{ key: 'temp' }]);
  });

  it('reads raw series with both ends included and rollups of every overlapping minute', async () => {
    await writeReadings(
      store,
      [0, 1, 2, 3].map((m) => reading(device, 'temp', T0 + m * MIN + 30_000, m)),
    );
    expect(await store.rawSeries(device, 'temp', T0 + 30_000, T0 + 2 * MIN + 30_000)).toEqual([
      { ts: T0 + 30_000, value: 0 },
      { ts: T0 + MIN + 30_000, value: 1 },
      { ts: T0 + 2 * MIN + 30_000, value: 2 },
    ]);
    expect(await store.rawSeries(device, 'temp', T0 + 30_001, T0 + 2 * MIN + 29_999)).toEqual([
      { ts: T0 + MIN + 30_000, value: 1 },
    ]);
    const minutes = await store.rollupSeries(device, 'temp', T0 + 45_000, T0 + 2 * MIN);
    expect(minutes.map((r) => r.minute)).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    expect(minutes[0]).toEqual({ minute: T0, count: 1, sum: 0, min: 0, max: 0 });
    expect(await store.rawSeries(device, 'hum', T0, T0 + 10 * MIN)).toEqual([]);
  });

  it('returns the newest reading of every key of a device', async () => {
    await writeReadings(store, [
      reading(device, 'temp', T0, 1),
      reading(device, 'temp', T0 + 2_000, 3),
      reading(device, 'hum', T0 + 1_000, 50),
      reading(other, 'temp', T0 + 9_000, 9),
    ]);
    // An older reading arriving late does not replace the newest.
    await writeReadings(store, [reading(device, 'temp', T0 + 1_000, 2)]);
    expect(await store.latest(device)).toEqual([
      { key: 'hum', ts: T0 + 1_000, value: 50 },
      { key: 'temp', ts: T0 + 2_000, value: 3 },
    ]);
    expect(await store.latest('unknown' as DeviceId)).toEqual([]);
  });

  it('resolves an empty batch without touching the database', async () => {
    expect(await writeReadings(store, [])).toBe(0);
    expect(await rawCount(t.db)).toBe(0);
  });

  it('keeps doubles and epoch milliseconds exact', async () => {
    const value = 0.1 + 0.2;
    const ts = 4_102_444_800_123; // 2100-01-01T00:00:00.123Z
    await writeReadings(store, [reading(device, 'x', ts, value), reading(device, 'y', ts, -1e308)]);
    expect(await store.rawSeries(device, 'x', ts, ts)).toEqual([{ ts, value }]);
    expect(await store.latest(device)).toEqual([
      { key: 'x', ts, value },
      { key: 'y', ts, value: -1e308 },
    ]);
  });
});
