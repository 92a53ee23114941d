// A machine's chart data in the browser: the loaded series, with live values merged in as they
// arrive. Pure functions that return new arrays (React state), shared by the seller's machine
// page and, later, a machine panel shown inside a call.
import type { LiveValue, MachineSeriesView, SeriesPoint } from '../api/machines';
import type { DeviceId } from '../../shared/ids';

/** The newest reading of a series. */
export interface LatestReading {
  ts: number;
  value: number;
}

/** One chart's data: a device key's points, `[ts, avg, min, max]`, oldest first. */
export interface ChartSeries {
  deviceId: DeviceId;
  key: string;
  points: SeriesPoint[];
  /** The newest reading: the last live value, else the last loaded point. */
  latest: LatestReading | null;
  /**
   * Live readings folded into the last point so far; 0 when the last point came from the server,
   * whose buckets are closed (their reading count is unknown).
   */
  openCount: number;
}

/** Options of `mergeLiveValues`. */
export interface MergeOptions {
  /** The window's first moment: older points are dropped. */
  from: number;
  /** Live readings in the same bucket of this many ms share one point (its avg, min and max). */
  bucketMs: number;
}

/** The identity of a series: device and key. */
export function seriesId(deviceId: DeviceId, key: string): string {
  return `${deviceId}\u0000${key}`;
}

/** The series of a chart query's answer, ready for live values. */
export function seriesFromView(view: MachineSeriesView): ChartSeries[] {
  return view.series.map((s) => {
    const last = s.points.at(-1);
    return {
      deviceId: s.deviceId,
      key: s.key,
      points: s.points,
      latest: last ? { ts: last[0], value: last[1] } : null,
      openCount: 0,
    };
  });
}

// The first index whose point is at or after `ts` (points are sorted by time).
function firstIndexFrom(points: readonly SeriesPoint[], ts: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((points[mid]?.[0] ?? Infinity) < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Adds one reading to a series (whose points array the caller already copied).
function addReading(series: ChartSeries, value: LiveValue, bucket: number): void {
  const { points } = series;
  const { ts } = value;
  const v = value.value;
  const last = points.at(-1);
  if (!last || ts > last[0]) {
    const sameBucket =
      last !== undefined &&
      series.openCount > 0 &&
      bucket > 0 &&
      Math.floor(ts / bucket) === Math.floor(last[0] / bucket);
    if (sameBucket) {
      const n = series.openCount;
      points[points.length - 1] = [
        last[0],
        (last[1] * n + v) / (n + 1),
        Math.min(last[2], v),
        Math.max(last[3], v),
      ];
      series.openCount = n + 1;
    } else {
      points.push([ts, v, v, v]);
      series.openCount = 1;
    }
  } else if (ts === last[0]) {
    // A repeat of the newest reading (a device resending after a lost acknowledgement).
    if (series.openCount <= 1) points[points.length - 1] = [ts, v, v, v];
  } else {
    // A late reading (clocks of several devices differ): put it in its place, once.
    const at = firstIndexFrom(points, ts);
    if (points[at]?.[0] !== ts) points.splice(at, 0, [ts, v, v, v]);
  }
  if (!series.latest || ts >= series.latest.ts) series.latest = { ts, value: v };
}

/** Drops the points before `from`; returns the same series when nothing is that old. */
export function trimSeries(series: ChartSeries, from: number): ChartSeries {
  const first = firstIndexFrom(series.points, from);
  if (first === 0) return series;
  const points = series.points.slice(first);
  return { ...series, points, openCount: points.length === 0 ? 0 : series.openCount };
}

/**
 * Merges live values into the series: each value is appended to its device key's series (a new
 * series for a key not seen before), readings within one bucket share a point whose band keeps
 * their min and max, and points older than the window are dropped. Series that did not change
 * keep their identity, so their charts need not redraw.
 */
export function mergeLiveValues(
  series: readonly ChartSeries[],
  values: readonly LiveValue[],
  opts: MergeOptions,
): ChartSeries[] {
  const byId = new Map<string, number>();
  series.forEach((s, index) => byId.set(seriesId(s.deviceId, s.key), index));
  const out = [...series];
  const copied = new Set<number>();
  for (const value of values) {
    if (!Number.isFinite(value.ts) || !Number.isFinite(value.value) || value.ts < opts.from) {
      continue;
    }
    const id = seriesId(value.deviceId, value.key);
    let index = byId.get(id);
    if (index === undefined) {
      index = out.length;
      out.push({
        deviceId: value.deviceId,
        key: value.key,
        points: [],
        latest: null,
        openCount: 0,
      });
      byId.set(id, index);
      copied.add(index);
    } else if (!copied.has(index)) {
      const current = out[index];
      if (!current) continue;
      out[index] = { ...current, points: [...current.points] };
      copied.add(index);
    }
    const target = out[index];
    if (target) addReading(target, value, opts.bucketMs);
  }
  return out.map((s) => trimSeries(s, opts.from));
}

/** Drops the points of every series that fell out of a moving window; same array if none did. */
export function trimAll(series: readonly ChartSeries[], from: number): readonly ChartSeries[] {
  const trimmed = series.map((s) => trimSeries(s, from));
  return trimmed.every((s, i) => s === series[i]) ? series : trimmed;
}

/** The lowest and highest reading and how many points a series has in view, for a text summary. */
export function summarizeSeries(
  points: readonly SeriesPoint[],
): { min: number; max: number; count: number } | null {
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const [, , lo, hi] of points) {
    if (lo < min) min = lo;
    if (hi > max) max = hi;
  }
  return { min, max, count: points.length };
}

/** A series as uPlot's columns: times, averages, maxima, minima. */
export function chartColumns(
  points: readonly SeriesPoint[],
): [number[], number[], number[], number[]] {
  const n = points.length;
  const ts = new Array<number>(n);
  const avg = new Array<number>(n);
  const max = new Array<number>(n);
  const min = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const p = points[i] as SeriesPoint;
    ts[i] = p[0];
    avg[i] = p[1];
    min[i] = p[2];
    max[i] = p[3];
  }
  return [ts, avg, max, min];
}
