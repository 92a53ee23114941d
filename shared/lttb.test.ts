import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from './api/machines.js';
import { downsampleSeries, lttbIndices } from './lttb.js';

const DAY = 86_400;

function flatDay(spikeAt: number, spike: number): SeriesPoint[] {
  return Array.from({ length: DAY }, (_, i): SeriesPoint => {
    const v = i === spikeAt ? spike : 20 + Math.sin(i / 5_000);
    return [i * 1000, v, v, v];
  });
}

describe('lttbIndices', () => {
  it('keeps at most maxPoints points, the first and the last among them, in order', () => {
    const xs = Array.from({ length: 10_000 }, (_, i) => i);
    const ys = xs.map((x) => Math.sin(x / 100) + (x % 7) / 10);
    for (const max of [3, 4, 100, 999, 1000]) {
      const kept = lttbIndices(xs, ys, max);
      expect(kept).toHaveLength(max);
      expect(kept[0]).toBe(0);
      expect(kept.at(-1)).toBe(xs.length - 1);
      expect(kept.every((k, i) => i === 0 || k > kept[i - 1]!)).toBe(true);
    }
  });

  it('returns every index when there are no more points than maxPoints', () => {
    expect(lttbIndices([1, 2, 3], [5, 6, 7], 3)).toEqual([0, 1, 2]);
    expect(lttbIndices([1, 2], [5, 6], 1000)).toEqual([0, 1]);
    expect(lttbIndices([], [], 1000)).toEqual([]);
  });

  it('picks the peak of a bucket, the point that spans the largest triangle', () => {
    const ys = [0, 0, 0, 10, 0, 0, 0, 0, 0, 0];
    expect(
      lttbIndices(
        ys.map((_, i) => i),
        ys,
        4,
      ),
    ).toContain(3);
  });

  it('refuses fewer than 3 points', () => {
    expect(() => lttbIndices([1, 2, 3, 4], [1, 2, 3, 4], 2)).toThrow(RangeError);
    expect(() => lttbIndices([1, 2, 3, 4], [1, 2, 3, 4], 10.5)).toThrow(RangeError);
  });
});

describe('downsampleSeries', () => {
  it('keeps a single-point spike of a day of 1 Hz data in max', () => {
    const points = flatDay(43_210, 500);
    const out = downsampleSeries(points, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...out.map((p) => p[3]))).toBe(500);
    expect(out[0]).toEqual(points[0]);
    expect(out.at(-1)).toEqual(points.at(-1));
  });

  it('keeps a single-point dip in min even when LTTB picks another point of its bucket', () => {
    // The dip is next to a larger jump, so the bucket's kept point is not the dip itself.
    const points: SeriesPoint[] = Array.from({ length: 10_000 }, (_, i): SeriesPoint => {
      const v = i === 5_001 ? -3 : i === 5_002 ? 1_000 : 0;
      return [i, v, v, v];
    });
    const out = downsampleSeries(points, 100);
    expect(Math.min(...out.map((p) => p[2]))).toBe(-3);
    expect(Math.max(...out.map((p) => p[3]))).toBe(1_000);
  });

  it('carries min and max of rollups over every point the kept one stands for', () => {
    const points: SeriesPoint[] = Array.from({ length: 1440 }, (_, i): SeriesPoint => [
      i * 60_000,
      10,
      i === 700 ? -40 : 9,
      i === 900 ? 80 : 11,
    ]);
    const out = downsampleSeries(points, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(Math.min(...out.map((p) => p[2]))).toBe(-40);
    expect(Math.max(...out.map((p) => p[3]))).toBe(80);
    // The kept point's own time and average stay its own.
    for (const p of out) expect(p[1]).toBe(10);
    expect(out.every((p, i) => i === 0 || p[0] > out[i - 1]![0])).toBe(true);
  });

  it('returns fewer points than the limit unchanged', () => {
    const points: SeriesPoint[] = [
      [1, 2, 1, 3],
      [2, 3, 3, 3],
    ];
    expect(downsampleSeries(points, 1000)).toBe(points);
    expect(downsampleSeries([], 1000)).toEqual([]);
  });

  it('thins a day of 1 Hz data in a few milliseconds', () => {
    const points = flatDay(1, 2);
    const started = performance.now();
    downsampleSeries(points, 1000);
    // Generous for a shared CI machine; it takes about 1 ms.
    expect(performance.now() - started).toBeLessThan(100);
  });
});
