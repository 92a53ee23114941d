// The PostgreSQL adapter of the telemetry store. A batch is ONE statement: the readings travel as
// five arrays (unnest), and data-modifying CTEs insert the raw rows, roll up the rows that were
// really inserted (RETURNING), register new keys and move last_seen_at. One statement is one
// implicit transaction and one round trip. A TimescaleDB adapter can replace this file.
import { sql } from 'kysely';
import type { DeviceId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { ReadingBatch } from './reading-batch.js';
import { minuteOf } from './rollups.js';
import { deleteInBatches } from './series-walk.js';
import type { BatchedDelete, SeriesRef } from './series-walk.js';
import type { DeleteOptions, LatestValue, RawPoint, RollupPoint, TelemetryStore } from './store.js';

/** Telemetry storage on PostgreSQL. */
export class PostgresTelemetryStore implements TelemetryStore {
  /** A write waits on the network, not on the event loop: short waits, group commit. */
  readonly batching = { maxBatch: 10_000, maxDelayMs: 20, busyShare: 1 };
  private readonly deleteRaw: BatchedDelete;
  private readonly deleteRollups: BatchedDelete;

  constructor(private readonly db: Db) {
    this.deleteRaw = this.batchedDelete('readings', 'ts');
    this.deleteRollups = this.batchedDelete('reading_rollups', 'minute');
  }

  /** Stores a batch in one statement; resolves with the number of new raw rows. */
  async writeBatch(batch: ReadingBatch): Promise<number> {
    if (batch.length === 0) return 0;
    const n = batch.length;
    const deviceIds = new Array<string>(n);
    const keys = new Array<string>(n);
    const times = new Array<number>(n);
    const values = new Array<number>(n);
    const received = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      deviceIds[i] = batch.deviceId(i);
      keys[i] = batch.key(i);
      times[i] = batch.ts(i);
      values[i] = batch.value(i);
      received[i] = batch.receivedAt(i);
    }
    // Rollup and device rows are upserted in key order, so that two writers cannot deadlock.
    const { rows } = await sql<{ inserted: number }>`
      with ins as (
        insert into readings (device_id, "key", ts, value, received_at)
        select * from unnest(${deviceIds}::text[], ${keys}::text[], ${times}::int8[],
                             ${values}::float8[], ${received}::int8[])
        on conflict do nothing
        returning device_id, "key", ts, value
      ), rolled as (
        insert into reading_rollups as r (device_id, "key", minute, "count", "sum", "min", "max")
        select device_id, "key", ts - ts % 60000, count(*), sum(value), min(value), max(value)
        from ins group by 1, 2, 3 order by 1, 2, 3
        on conflict (device_id, "key", minute) do update set
          "count" = r."count" + excluded."count", "sum" = r."sum" + excluded."sum",
          "min" = least(r."min", excluded."min"), "max" = greatest(r."max", excluded."max")
        returning 1
      ), registered as (
        insert into device_keys (device_id, "key")
        select distinct i.device_id, i."key" from ins i
        where exists (select 1 from devices d where d.id = i.device_id)
        order by 1, 2
        on conflict do nothing
        returning 1
      ), seen as (
        update devices d set last_seen_at = m.ts
        from (select device_id, max(ts) as ts from ins group by device_id order by device_id) m
        where d.id = m.device_id and (d.last_seen_at is null or d.last_seen_at < m.ts)
        returning 1
      )
      select count(*)::int as inserted from ins
    `.execute(this.db);
    return rows[0]?.inserted ?? 0;
  }

  /** Raw readings of one series with from ≤ ts ≤ to, oldest first. */
  async rawSeries(deviceId: DeviceId, key: string, from: number, to: number): Promise<RawPoint[]> {
    return this.db
      .selectFrom('readings')
      .select(['ts', 'value'])
      .where('device_id', '=', deviceId)
      .where('key', '=', key)
      .where('ts', '>=', from)
      .where('ts', '<=', to)
      .orderBy('ts')
      .execute();
  }

  /** Rollups of one series whose minute overlaps [from, to], oldest first. */
  async rollupSeries(
    deviceId: DeviceId,
    key: string,
    from: number,
    to: number,
  ): Promise<RollupPoint[]> {
    return this.db
      .selectFrom('reading_rollups')
      .select(['minute', 'count', 'sum', 'min', 'max'])
      .where('device_id', '=', deviceId)
      .where('key', '=', key)
      .where('minute', '>=', minuteOf(from))
      .where('minute', '<=', to)
      .orderBy('minute')
      .execute();
  }

  /** The newest raw reading of every registered key of a device, by key. */
  async latest(deviceId: DeviceId): Promise<LatestValue[]> {
    const { rows } = await sql<LatestValue>`
      select k."key" as key, r.ts as ts, r.value as value from device_keys k
      join lateral (
        select ts, value from readings
        where device_id = k.device_id and "key" = k."key" order by ts desc limit 1
      ) r on true
      where k.device_id = ${deviceId} order by k."key"
    `.execute(this.db);
    return rows;
  }

  /** Deletes raw readings with ts < cutoff, series by series. */
  deleteRawBefore(cutoff: number, options: DeleteOptions): Promise<number> {
    return deleteInBatches(this.deleteRaw, cutoff, options);
  }

  /** Deletes rollups with minute < cutoff, series by series. */
  deleteRollupsBefore(cutoff: number, options: DeleteOptions): Promise<number> {
    return deleteInBatches(this.deleteRollups, cutoff, options);
  }

  /** Nothing to release: the store uses the database's pool. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private batchedDelete(
    table: 'readings' | 'reading_rollups',
    time: 'ts' | 'minute',
  ): BatchedDelete {
    const db = this.db;
    const t = sql.table(table);
    const col = sql.ref(time);
    return {
      async nextSeries(after) {
        const where = after
          ? sql`where (device_id, "key") > (${after.deviceId}, ${after.key})`
          : sql``;
        const { rows } = await sql<SeriesRef>`
          select device_id as "deviceId", "key" as key from ${t} ${where}
          order by device_id, "key" limit 1
        `.execute(db);
        return rows[0] ?? null;
      },
      async deleteOldest(series, cutoff, limit) {
        const result = await sql`
          delete from ${t} where device_id = ${series.deviceId} and "key" = ${series.key}
          and ${col} in (
            select ${col} from ${t} where device_id = ${series.deviceId} and "key" = ${series.key}
            and ${col} < ${cutoff} order by ${col} limit ${limit}
          )
        `.execute(db);
        return Number(result.numAffectedRows ?? 0n);
      },
    };
  }
}
