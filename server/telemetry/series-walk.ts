// Batched retention deletes shared by the store adapters: walk the series in primary key order
// and delete each one's oldest rows a bounded batch at a time.
import type { DeviceId } from '../../shared/ids.js';
import type { DeleteOptions } from './store.js';

/** One series: a key of a device. */
export interface SeriesRef {
  deviceId: DeviceId;
  key: string;
}

/** The two statements of a batched retention delete, as each adapter runs them on one table. */
export interface BatchedDelete {
  /** The series after `after` in (device_id, key) order, or null after the last. */
  nextSeries(after: SeriesRef | null): Promise<SeriesRef | null>;
  /** Deletes at most `limit` of the series' oldest rows older than cutoff; returns how many. */
  deleteOldest(series: SeriesRef, cutoff: number, limit: number): Promise<number>;
}

/**
 * Deletes every row older than cutoff, series by series, at most `batchSize` rows per statement.
 * Walking the primary key one series at a time keeps every statement an index range scan; one
 * `ts < cutoff` statement over the whole table would read all of it once per batch.
 */
export async function deleteInBatches(
  steps: BatchedDelete,
  cutoff: number,
  { batchSize, between }: DeleteOptions,
): Promise<number> {
  let deleted = 0;
  let series = await steps.nextSeries(null);
  while (series) {
    for (;;) {
      const n = await steps.deleteOldest(series, cutoff, batchSize);
      deleted += n;
      if (!(await between())) return deleted;
      if (n < batchSize) break;
    }
    series = await steps.nextSeries(series);
  }
  return deleted;
}
