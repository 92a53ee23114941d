// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013) for charts, used by the server's
// chart queries and by the client for live data. Pure and allocation-light: a day of 1 Hz data
// (86,400 points) takes well under a millisecond.
//
// The first and last points are always kept; the points between are split into maxPoints - 2
// buckets of equal count, and from each bucket the point that spans the largest triangle with the
// point kept before it and the average of the next bucket is kept. LTTB keeps the shape of the
// line but may drop a lone spike; `downsampleSeries` therefore carries every bucket's lowest min
// and highest max on the point it keeps, so a spike of a single reading stays in the envelope.
import type { SeriesPoint } from './api/machines.js';

function checkMaxPoints(maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 3) {
    throw new RangeError(`maxPoints must be an integer of at least 3, got ${maxPoints}`);
  }
}

/**
 * Runs LTTB over `count` points given by x(i) and y(i) (x ascending) and calls `keep` for every
 * kept point with the index range [start, end) of the bucket it stands for, in order.
 */
function selectLttb(
  count: number,
  x: (i: number) => number,
  y: (i: number) => number,
  maxPoints: number,
  keep: (index: number, start: number, end: number) => void,
): void {
  checkMaxPoints(maxPoints);
  if (count <= maxPoints) {
    for (let i = 0; i < count; i++) keep(i, i, i + 1);
    return;
  }
  const every = (count - 2) / (maxPoints - 2);
  let previous = 0;
  keep(0, 0, 1);
  for (let bucket = 0; bucket < maxPoints - 2; bucket++) {
    const start = Math.floor(bucket * every) + 1;
    const end = Math.floor((bucket + 1) * every) + 1;
    // The next bucket's average; after the last bucket that is the last point.
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, count);
    let avgX = 0;
    let avgY = 0;
    for (let i = end; i < nextEnd; i++) {
      avgX += x(i);
      avgY += y(i);
    }
    const nextCount = nextEnd - end;
    avgX /= nextCount;
    avgY /= nextCount;
    const ax = x(previous);
    const ay = y(previous);
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      // Twice the triangle's area; only the comparison matters.
      const area = Math.abs((ax - avgX) * (y(i) - ay) - (ax - x(i)) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    keep(best, start, end);
    previous = best;
  }
  keep(count - 1, count - 1, count);
}

/** Indices of the points LTTB keeps out of `xs`/`ys` (x ascending): at most maxPoints (≥ 3). */
export function lttbIndices(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  maxPoints: number,
): number[] {
  const kept: number[] = [];
  selectLttb(
    Math.min(xs.length, ys.length),
    (i) => xs[i]!,
    (i) => ys[i]!,
    maxPoints,
    (index) => kept.push(index),
  );
  return kept;
}

/**
 * Downsamples chart points (time ascending) to at most maxPoints (≥ 3) with LTTB on the averages;
 * each kept point carries the lowest min and highest max of the points it stands for. Returns
 * the input itself when it already has at most maxPoints points.
 */
export function downsampleSeries(
  points: readonly SeriesPoint[],
  maxPoints: number,
): readonly SeriesPoint[] {
  if (points.length <= maxPoints) {
    checkMaxPoints(maxPoints);
    return points;
  }
  const out: SeriesPoint[] = [];
  selectLttb(
    points.length,
    (i) => points[i]![0],
    (i) => points[i]![1],
    maxPoints,
    (index, start, end) => {
      const [ts, avg] = points[index]!;
      let min = Infinity;
      let max = -Infinity;
      for (let i = start; i < end; i++) {
        const p = points[i]!;
        if (p[2] < min) min = p[2];
        if (p[3] > max) max = p[3];
      }
      out.push([ts, avg, min, max]);
    },
  );
  return out;
}
