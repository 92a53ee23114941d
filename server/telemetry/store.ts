// Where telemetry lives: one small interface over the time series tables (raw readings, per-minute
// rollups, device keys, devices' last-seen time), with one adapter per database so that
// PostgreSQL (later TimescaleDB) can take over from SQLite without touching the pipeline.
//
// Decisions every adapter keeps:
// - A batch is one transaction: raw rows, rollups, new keys and last_seen_at commit together, and
//   `writeBatch` resolves only after the commit (SQLite: WAL with synchronous=FULL; PostgreSQL:
//   synchronous_commit as configured, on by default).
// - Raw rows are idempotent on (device_id, key, ts): a repeat (an MQTT QoS 1 redelivery, or the
//   same reading twice in one batch) is skipped with ON CONFLICT DO NOTHING and counts towards
//   no rollup. The first value stored for a (device, key, ts) wins; a later, different value
//   for the same instant is dropped as a repeat.
// - Rollups cover whole minutes (`minute` = start of the minute, epoch ms) and merge count, sum,
//   min and max, so a minute that arrives in several batches adds up to the same row.
// - Keys are registered in device_keys (insert-or-ignore) only for devices that exist. Readings
//   of a device deleted while they were queued are still stored; retention removes them.
// - last_seen_at only moves forward: max(existing, newest ts of the batch).
// - Retention deletes rows older than a cutoff (`ts < cutoff`: a row exactly at the cutoff stays)
//   one series at a time, at most `batchSize` rows per statement, so writers are never blocked
//   for long.
import { PostgresAdapter } from 'kysely';
import type { DeviceId } from '../../shared/ids.js';
import { sqliteHandleOf } from '../db/database.js';
import type { Db } from '../db/database.js';
import { PostgresTelemetryStore } from './postgres-store.js';
import type { ReadingBatch } from './reading-batch.js';
import { SqliteTelemetryStore } from './sqlite-store.js';

/** One reading of one device as it is stored: device time `ts` and server time `receivedAt`. */
export interface StoredReading {
  deviceId: DeviceId;
  key: string;
  ts: number;
  value: number;
  receivedAt: number;
}

/** One raw reading of a series. */
export interface RawPoint {
  ts: number;
  value: number;
}

/** One minute of a series: `minute` is the start of the minute (epoch ms). */
export interface RollupPoint {
  minute: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** The newest reading of one key of a device. */
export interface LatestValue {
  key: string;
  ts: number;
  value: number;
}

/** How retention deletes: rows per statement, and what to await between statements. */
export interface DeleteOptions {
  /** Most rows one statement deletes. */
  batchSize: number;
  /** Awaited after every statement (to yield to writers); returning false stops the deletion. */
  between: () => Promise<boolean>;
}

/** Batch limits that suit a store; the TelemetryWriter uses them unless told otherwise. */
export interface BatchingHint {
  /** Readings per batch. */
  maxBatch: number;
  /** How long the oldest queued reading may wait for its batch to fill. */
  maxDelayMs: number;
  /**
   * Most share of the time spent writing (0–1]: after a write of d ms, the next waits until
   * d × (1 / busyShare − 1) ms have passed, unless a batch is full. 1 never waits.
   */
  busyShare: number;
}

/** Storage of telemetry: batched writes, chart reads and retention deletes. */
export interface TelemetryStore {
  /** The batch limits this store works best with. */
  readonly batching: BatchingHint;
  /**
   * Stores a batch in one transaction: raw rows (repeats skipped), rollups of the new rows, new
   * keys and last_seen_at. Resolves with the number of new raw rows once committed.
   */
  writeBatch(batch: ReadingBatch): Promise<number>;
  /** Raw readings of one series with from ≤ ts ≤ to, oldest first. */
  rawSeries(deviceId: DeviceId, key: string, from: number, to: number): Promise<RawPoint[]>;
  /** Rollups of one series whose minute overlaps [from, to], oldest first. */
  rollupSeries(deviceId: DeviceId, key: string, from: number, to: number): Promise<RollupPoint[]>;
  /** The newest raw reading of every key of a device, by key. */
  latest(deviceId: DeviceId): Promise<LatestValue[]>;
  /** Deletes raw readings with ts < cutoff; resolves with the number of rows deleted. */
  deleteRawBefore(cutoff: number, options: DeleteOptions): Promise<number>;
  /** Deletes rollups with minute < cutoff; resolves with the number of rows deleted. */
  deleteRollupsBefore(cutoff: number, options: DeleteOptions): Promise<number>;
  /** Releases what the store holds besides the database (a writer thread); it writes no more. */
  close(): Promise<void>;
}

/** Builds the telemetry store for the database's dialect. */
export function createTelemetryStore(db: Db): TelemetryStore {
  const sqlite = sqliteHandleOf(db);
  if (sqlite) return new SqliteTelemetryStore(db, sqlite);
  if (db.getExecutor().adapter instanceof PostgresAdapter) return new PostgresTelemetryStore(db);
  throw new Error(
    'telemetry storage needs a database opened by openDatabase (SQLite or PostgreSQL)',
  );
}
