// One telemetry batch written to SQLite, the same whether it runs on the main thread (an
// in-memory database, which no other thread can open) or in the writer thread (a database file).
import type SQLite from 'better-sqlite3';
import type { ReadingBatch } from './reading-batch.js';
import { RollupAccumulator } from './rollups.js';

// Column names min, max, count, sum and key are quoted: they are also function names or keywords.
const SQL = {
  insertReading: `insert into readings (device_id, "key", ts, value, received_at)
    values (?, ?, ?, ?, ?) on conflict do nothing`,
  upsertRollup: `insert into reading_rollups (device_id, "key", minute, "count", "sum", "min", "max")
    values (?, ?, ?, ?, ?, ?, ?)
    on conflict (device_id, "key", minute) do update set
      "count" = "count" + excluded."count", "sum" = "sum" + excluded."sum",
      "min" = min("min", excluded."min"), "max" = max("max", excluded."max")`,
  // A key is registered only for a device that exists: the foreign key would fail the batch.
  insertKey: `insert into device_keys (device_id, "key")
    select ?, ? where exists (select 1 from devices where id = ?) on conflict do nothing`,
  touchDevice: `update devices set last_seen_at = ?
    where id = ? and (last_seen_at is null or last_seen_at < ?)`,
} as const;

/** Writes one batch in one immediate transaction and returns the number of new raw rows. */
export type BatchWrite = (batch: ReadingBatch) => number;

/** Prepares the statements of a batch write on `sqlite` (whose schema must be migrated). */
export function prepareBatchWrite(sqlite: SQLite.Database): BatchWrite {
  const insertReading = sqlite.prepare<[string, string, number, number, number]>(SQL.insertReading);
  const upsertRollup = sqlite.prepare<[string, string, number, number, number, number, number]>(
    SQL.upsertRollup,
  );
  const insertKey = sqlite.prepare<[string, string, string]>(SQL.insertKey);
  const touchDevice = sqlite.prepare<[number, string, number]>(SQL.touchDevice);
  const write = (batch: ReadingBatch): number => {
    const rollups = new RollupAccumulator();
    const keys = new Map<string, Set<string>>();
    const newest = new Map<string, number>();
    let inserted = 0;
    for (const i of batch.primaryKeyOrder()) {
      const deviceId = batch.deviceId(i);
      const key = batch.key(i);
      const ts = batch.ts(i);
      const value = batch.value(i);
      if (insertReading.run(deviceId, key, ts, value, batch.receivedAt(i)).changes === 0) continue;
      inserted++;
      rollups.add(deviceId, key, ts, value);
      let deviceKeys = keys.get(deviceId);
      if (deviceKeys === undefined) keys.set(deviceId, (deviceKeys = new Set()));
      deviceKeys.add(key);
      const seen = newest.get(deviceId);
      if (seen === undefined || ts > seen) newest.set(deviceId, ts);
    }
    for (const g of rollups.rollups()) {
      upsertRollup.run(g.deviceId, g.key, g.minute, g.count, g.sum, g.min, g.max);
    }
    for (const [deviceId, deviceKeys] of keys) {
      for (const key of deviceKeys) insertKey.run(deviceId, key, deviceId);
    }
    for (const [deviceId, ts] of newest) touchDevice.run(ts, deviceId, ts);
    return inserted;
  };
  const transaction = sqlite.transaction(write);
  // IMMEDIATE takes the write lock up front: no SQLITE_BUSY halfway through a batch.
  return (batch) => transaction.immediate(batch);
}
