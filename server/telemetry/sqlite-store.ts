// The SQLite adapter of the telemetry store. Statements go straight to better-sqlite3, prepared
// once (Kysely prepares every statement anew on every call), all of them inside Kysely's
// connection lock so that they never land in another feature's open transaction.
// Batches of a database file are written by a thread of their own with its own connection
// (sqlite-writer-thread.ts), so that the event loop goes on serving MQTT and HTTP meanwhile. An
// in-memory database has only the one connection, so there a batch runs on the main thread and
// blocks the event loop for its duration (about 100 ms for 20,000 readings of 1,000 devices on
// the 2-core reference machine). A batch's cost is mostly the pages it dirties, one or two per
// series touched (a reading page and a rollup page), which the commit writes to the WAL and
// fsyncs.
import type SQLite from 'better-sqlite3';
import type { DeviceId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { minuteOf } from './rollups.js';
import { deleteInBatches } from './series-walk.js';
import type { BatchedDelete, SeriesRef } from './series-walk.js';
import type { ReadingBatch } from './reading-batch.js';
import { prepareBatchWrite } from './sqlite-batch.js';
import type { BatchWrite } from './sqlite-batch.js';
import { SqliteWriterThread } from './sqlite-writer-thread.js';
import type {
  BatchingHint,
  DeleteOptions,
  LatestValue,
  RawPoint,
  RollupPoint,
  TelemetryStore,
} from './store.js';

type Range = [deviceId: string, key: string, from: number, to: number];
type Series = [deviceId: string, key: string];

// Column names min, max, count, sum and key are quoted: they are also function names or keywords.
const SQL = {
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
   * keys: about 90 ms for 5,000 readings, 100 ms for 20,000). On the main thread it blocks the
   * event loop, so the writer rests as long as it wrote: under load, batches grow until writing
   * takes half the time. The writer thread blocks nothing and writes whenever a batch waits.
   * When quiet, a reading waits 20 ms.
   */
  readonly batching: BatchingHint;
  private prepared: ReturnType<SqliteTelemetryStore['prepare']> | undefined;
  // The writer thread of a database file; undefined for an in-memory database.
  private readonly thread: SqliteWriterThread | undefined;
  // The batch write on the main connection (in-memory databases), prepared on first use.
  private inLoop: BatchWrite | undefined;

  constructor(
    private readonly db: Db,
    private readonly sqlite: SQLite.Database,
  ) {
    this.thread = sqlite.memory ? undefined : new SqliteWriterThread(sqlite.name);
    this.batching = { maxBatch: 20_000, maxDelayMs: 20, busyShare: this.thread ? 1 : 0.5 };
  }

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
    return {
      rawSeries: s.prepare<Range, RawPoint>(SQL.rawSeries),
      rollupSeries: s.prepare<Range, RollupPoint>(SQL.rollupSeries),
      latest: s.prepare<[string], LatestValue>(SQL.latest),
      deleteRaw: batchedDelete(this, s, 'readings', 'ts'),
      deleteRollups: batchedDelete(this, s, 'reading_rollups', 'minute'),
    };
  }

  /** Stores a batch in one immediate transaction; resolves with the number of new raw rows. */
  writeBatch(batch: ReadingBatch): Promise<number> {
    if (batch.length === 0) return Promise.resolve(0);
    // Kysely's lock is held for the whole write, also the writer thread's: the main connection
    // then has no transaction open that would swallow the batch or hold the thread's write lock.
    return this.db.connection().execute(async () => {
      if (this.sqlite.inTransaction) throw new Error('telemetry batch inside an open transaction');
      if (this.thread) return this.thread.write(batch);
      this.inLoop ??= prepareBatchWrite(this.sqlite);
      return this.inLoop(batch);
    });
  }

  /** Ends the writer thread (after its writes); the store writes no more. */
  close(): Promise<void> {
    return this.thread?.close() ?? Promise.resolve();
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
