// The SQLite adapter of the telemetry store. Writes go straight to better-sqlite3 with statements
// prepared once (Kysely prepares every statement anew on every call), all of them run
// inside Kysely's connection lock so that they never land in another feature's open transaction.
// A batch runs synchronously and blocks the event loop for its duration (about 100 ms for 20,000
// readings of 1,000 devices on the 2-core reference machine), which is why the writer bounds
// batches. Its cost is mostly the pages it dirties, one or two per series touched (a reading
// page and a rollup page), which the commit writes to the WAL and fsyncs.
import type SQLite from 'better-sqlite3';
import type { DeviceId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { RollupAccumulator, minuteOf } from './rollups.js';
import { deleteInBatches } from './series-walk.js';
import type { BatchedDelete, SeriesRef } from './series-walk.js';
import type {
  DeleteOptions,
  LatestValue,
  RawPoint,
  RollupPoint,
  StoredReading,
  TelemetryStore,
} from './store.js';

type Range = [deviceId: string, key: string, from: number, to: number];
type Series = [deviceId: string, key: string];

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
  rawSeries: `select ts, value from readings
    where device_id = ? and "key" = ? and ts >= ? and ts <= ? order by ts`,
  rollupSeries: `select minute, "count" as count, "sum" as sum, "min" as min, "max" as max
    from reading_rollups where device_id = ? and "key" = ? and minute >= ? and minute <= ?
    order by minute`,
  // max(ts) over a primary key prefix is one index lookup per key.
  latest: `select k."key" as key, r.ts as ts, r.value as value from device_keys k
    join readings r on r.device_id = k.device_id and r."key" = k."key"
      and r.ts = (select max(m.ts) from readings m where m.device_id = k.device_id and m."key" = k."key")
    where k.device_id = ? order by k."key"`,
} as const;

function seriesWalk(table: 'readings' | 'reading_rollups', time: 'ts' | 'minute') {
  return {
    first: `select device_id as deviceId, "key" as key from ${table}
      order by device_id, "key" limit 1`,
    next: `select device_id as deviceId, "key" as key from ${table}
      where (device_id, "key") > (?, ?) order by device_id, "key" limit 1`,
    deleteOldest: `delete from ${table} where device_id = ? and "key" = ? and ${time} in
      (select ${time} from ${table} where device_id = ? and "key" = ? and ${time} < ?
       order by ${time} limit ?)`,
  };
}

// Inserting in primary key order walks the B-tree forwards instead of jumping between series:
// measured 1.3–1.5 times as fast for 1,000 interleaved devices.
function byPrimaryKey(a: StoredReading, b: StoredReading): number {
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.ts - b.ts;
}

/** Prepares the statements of a batched delete on one table. */
function batchedDelete(
  store: SqliteTelemetryStore,
  sqlite: SQLite.Database,
  table: 'readings' | 'reading_rollups',
  time: 'ts' | 'minute',
): BatchedDelete {
  const text = seriesWalk(table, time);
  const first = sqlite.prepare<[], SeriesRef>(text.first);
  const next = sqlite.prepare<Series, SeriesRef>(text.next);
  const remove = sqlite.prepare<[string, string, string, string, number, number]>(
    text.deleteOldest,
  );
  return {
    nextSeries: (after) =>
      store.locked(() => (after ? next.get(after.deviceId, after.key) : first.get()) ?? null),
    deleteOldest: (s, cutoff, limit) =>
      store.locked(() => remove.run(s.deviceId, s.key, s.deviceId, s.key, cutoff, limit).changes),
  };
}

/** Telemetry storage on SQLite through better-sqlite3 prepared statements. */
export class SqliteTelemetryStore implements TelemetryStore {
  /**
   * A commit costs about one page per series it touches, whatever the rows (1,000 devices of 2
   * keys: about 90 ms for 5,000 readings, 100 ms for 20,000), and blocks the event loop. So the
   * writer rests as long as it wrote: under load, batches grow until writing takes half the
   * time; when quiet, a reading waits 20 ms.
   */
  readonly batching = { maxBatch: 20_000, maxDelayMs: 20, busyShare: 0.5 };
  private prepared: ReturnType<SqliteTelemetryStore['prepare']> | undefined;

  constructor(
    private readonly db: Db,
    private readonly sqlite: SQLite.Database,
  ) {}

  /** Runs `work` while holding Kysely's lock on the one SQLite connection. */
  locked<T>(work: () => T): Promise<T> {
    return this.db.connection().execute(async () => work());
  }

  // Prepared on first use, so that constructing the store needs no migrated schema.
  private statements() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    const s = this.sqlite;
    const insertReading = s.prepare<[string, string, number, number, number]>(SQL.insertReading);
    const upsertRollup = s.prepare<[string, string, number, number, number, number, number]>(
      SQL.upsertRollup,
    );
    const insertKey = s.prepare<[string, string, string]>(SQL.insertKey);
    const touchDevice = s.prepare<[number, string, number]>(SQL.touchDevice);
    const write = (readings: readonly StoredReading[]): number => {
      const rollups = new RollupAccumulator();
      const keys = new Map<string, Set<string>>();
      const newest = new Map<string, number>();
      let inserted = 0;
      for (const r of [...readings].sort(byPrimaryKey)) {
        if (insertReading.run(r.deviceId, r.key, r.ts, r.value, r.receivedAt).changes === 0) {
          continue;
        }
        inserted++;
        rollups.add(r.deviceId, r.key, r.ts, r.value);
        let deviceKeys = keys.get(r.deviceId);
        if (deviceKeys === undefined) keys.set(r.deviceId, (deviceKeys = new Set()));
        deviceKeys.add(r.key);
        const seen = newest.get(r.deviceId);
        if (seen === undefined || r.ts > seen) newest.set(r.deviceId, r.ts);
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
    const transaction = s.transaction(write);
    return {
      // IMMEDIATE takes the write lock up front: no SQLITE_BUSY halfway through a batch.
      write: (readings: readonly StoredReading[]) => transaction.immediate(readings),
      rawSeries: s.prepare<Range, RawPoint>(SQL.rawSeries),
      rollupSeries: s.prepare<Range, RollupPoint>(SQL.rollupSeries),
      latest: s.prepare<[string], LatestValue>(SQL.latest),
      deleteRaw: batchedDelete(this, s, 'readings', 'ts'),
      deleteRollups: batchedDelete(this, s, 'reading_rollups', 'minute'),
    };
  }

  /** Stores a batch in one immediate transaction; resolves with the number of new raw rows. */
  writeBatch(readings: readonly StoredReading[]): Promise<number> {
    if (readings.length === 0) return Promise.resolve(0);
    const { write } = this.statements();
    return this.locked(() => {
      // With the lock held no Kysely transaction is open; one open here would swallow the batch.
      if (this.sqlite.inTransaction) throw new Error('telemetry batch inside an open transaction');
      return write(readings);
    });
  }

  /** Raw readings of one series with from ≤ ts ≤ to, oldest first. */
  rawSeries(deviceId: DeviceId, key: string, from: number, to: number): Promise<RawPoint[]> {
    const { rawSeries } = this.statements();
    return this.locked(() => rawSeries.all(deviceId, key, from, to));
  }

  /** Rollups of one series whose minute overlaps [from, to], oldest first. */
  rollupSeries(deviceId: DeviceId, key: string, from: number, to: number): Promise<RollupPoint[]> {
    const { rollupSeries } = this.statements();
    return this.locked(() => rollupSeries.all(deviceId, key, minuteOf(from), to));
  }

  /** The newest raw reading of every registered key of a device, by key. */
  latest(deviceId: DeviceId): Promise<LatestValue[]> {
    const { latest } = this.statements();
    return this.locked(() => latest.all(deviceId));
  }

  /** Deletes raw readings with ts < cutoff, series by series. */
  deleteRawBefore(cutoff: number, options: DeleteOptions): Promise<number> {
    return deleteInBatches(this.statements().deleteRaw, cutoff, options);
  }

  /** Deletes rollups with minute < cutoff, series by series. */
  deleteRollupsBefore(cutoff: number, options: DeleteOptions): Promise<number> {
    return deleteInBatches(this.statements().deleteRollups, cutoff, options);
  }
}
