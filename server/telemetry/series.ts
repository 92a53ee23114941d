// Chart queries: one key of one device over [from, to], as at most MAX_CHART_POINTS points of
// [ts, avg, min, max]. Short ranges (up to RAW_SPAN_MS) come from raw readings, longer ones from
// the per-minute rollups (a point per minute, at the start of the minute); both are thinned with
// LTTB, which keeps every bucket's min and max so that a single-reading spike stays visible.
//
// A short range whose raw readings are gone (older than raw retention) falls back to its rollups.
// Known limit: a raw range reads every reading of the range, so a device sending far faster than
// 1 Hz makes a 2 h chart read that many rows (7,200 at 1 Hz, 720,000 at 100 Hz).
import type { SeriesPoint } from '../../shared/api/machines.js';
import { MAX_CHART_POINTS } from '../../shared/api/machines.js';
import type { DeviceId } from '../../shared/ids.js';
import { downsampleSeries } from '../../shared/lttb.js';
import type { TelemetryStore } from './store.js';

/** Longest range charted from raw readings; longer ranges use the per-minute rollups. */
export const RAW_SPAN_MS = 2 * 60 * 60_000;

/** One chart series to load: a key of a device over [from, to] (epoch ms, both included). */
export interface SeriesQuery {
  deviceId: DeviceId;
  key: string;
  from: number;
  to: number;
  /** Most points returned (default MAX_CHART_POINTS). */
  maxPoints?: number;
}

/** Where a range's points come from. */
export function seriesSource(from: number, to: number): 'raw' | 'rollups' {
  return to - from <= RAW_SPAN_MS ? 'raw' : 'rollups';
}

async function rollupPoints(store: TelemetryStore, q: SeriesQuery): Promise<SeriesPoint[]> {
  const rollups = await store.rollupSeries(q.deviceId, q.key, q.from, q.to);
  return rollups.map((r): SeriesPoint => [r.minute, r.sum / r.count, r.min, r.max]);
}

/** Loads one chart series, downsampled to at most `maxPoints` points, oldest first. */
export async function loadChartSeries(
  store: TelemetryStore,
  q: SeriesQuery,
): Promise<readonly SeriesPoint[]> {
  if (q.to < q.from) return [];
  const maxPoints = q.maxPoints ?? MAX_CHART_POINTS;
  let points: SeriesPoint[];
  if (seriesSource(q.from, q.to) === 'raw') {
    const raw = await store.rawSeries(q.deviceId, q.key, q.from, q.to);
    points = raw.map((r): SeriesPoint => [r.ts, r.value, r.value, r.value]);
    if (points.length === 0) points = await rollupPoints(store, q);
  } else {
    points = await rollupPoints(store, q);
  }
  return downsampleSeries(points, maxPoints);
}
