import { describe, expect, it } from 'vitest';
import type { LiveValue, MachineSeriesView } from '../api/machines';
import type { DeviceId, MachineId } from '../../shared/ids';
import { chartColumns, mergeLiveValues, seriesFromView, summarizeSeries, trimAll } from './series';
import type { ChartSeries } from './series';

const DEV = 'dev-aaaaaaaa' as DeviceId;
const OTHER = 'dev-bbbbbbbb' as DeviceId;

function loaded(points: [number, number, number, number][], key = 'temp'): ChartSeries[] {
  const view: MachineSeriesView = {
    machineId: 'mach-aaaaaaaa' as MachineId,
    from: 0,
    to: 100_000,
    series: [{ deviceId: DEV, key, points }],
  };
  return seriesFromView(view);
}

const live = (ts: number, value: number, key = 'temp', deviceId = DEV): LiveValue => ({
  deviceId,
  key,
  ts,
  value,
});

describe('seriesFromView', () => {
  it('takes the last loaded point as the newest reading and closes it for live folding', () => {
    const [s] = loaded([
      [1000, 20, 19, 21],
      [2000, 22, 22, 22],
    ]);
    expect(s?.latest).toEqual({ ts: 2000, value: 22 });
    expect(s?.openCount).toBe(0);
  });

  it('has no newest reading for an empty series', () => {
    expect(loaded([])[0]?.latest).toBeNull();
  });
});

describe('mergeLiveValues', () => {
  it('appends live values after the loaded points and makes them the newest reading', () => {
    const series = loaded([[1000, 20, 20, 20]]);
    const merged = mergeLiveValues(series, [live(2000, 21), live(3000, 23)], {
      from: 0,
      bucketMs: 0,
    });
    expect(merged[0]?.points).toEqual([
      [1000, 20, 20, 20],
      [2000, 21, 21, 21],
      [3000, 23, 23, 23],
    ]);
    expect(merged[0]?.latest).toEqual({ ts: 3000, value: 23 });
  });

  it('does not change the series it was given', () => {
    const series = loaded([[1000, 20, 20, 20]]);
    mergeLiveValues(series, [live(2000, 21)], { from: 0, bucketMs: 0 });
    expect(series[0]?.points).toEqual([[1000, 20, 20, 20]]);
  });

  it('starts a new series for a key seen for the first time', () => {
    const merged = mergeLiveValues(loaded([]), [live(5000, 1.5, 'pressure', OTHER)], {
      from: 0,
      bucketMs: 0,
    });
    expect(merged).toHaveLength(2);
    expect(merged[1]).toMatchObject({
      deviceId: OTHER,
      key: 'pressure',
      points: [[5000, 1.5, 1.5, 1.5]],
      latest: { ts: 5000, value: 1.5 },
    });
  });

  it('keeps the identity of series that got no value', () => {
    const series = [...loaded([[1000, 1, 1, 1]]), ...loaded([[1000, 5, 5, 5]], 'rpm')];
    const merged = mergeLiveValues(series, [live(2000, 2)], { from: 0, bucketMs: 0 });
    expect(merged[1]).toBe(series[1]);
    expect(merged[0]).not.toBe(series[0]);
  });

  it('folds live readings of one bucket into one point that keeps their min and max', () => {
    const merged = mergeLiveValues(
      loaded([]),
      [live(10_000, 10), live(10_500, 30), live(10_900, 20), live(11_000, 5)],
      { from: 0, bucketMs: 1000 },
    );
    expect(merged[0]?.points).toEqual([
      [10_000, 20, 10, 30],
      [11_000, 5, 5, 5],
    ]);
    expect(merged[0]?.latest).toEqual({ ts: 11_000, value: 5 });
  });

  it('never folds a live reading into a point the server already reduced', () => {
    const merged = mergeLiveValues(loaded([[10_000, 50, 40, 60]]), [live(10_400, 1)], {
      from: 0,
      bucketMs: 1000,
    });
    expect(merged[0]?.points).toEqual([
      [10_000, 50, 40, 60],
      [10_400, 1, 1, 1],
    ]);
  });

  it('drops points that fall out of the window', () => {
    const series = loaded([
      [1000, 1, 1, 1],
      [2000, 2, 2, 2],
      [3000, 3, 3, 3],
    ]);
    const merged = mergeLiveValues(series, [live(4000, 4)], { from: 2500, bucketMs: 0 });
    expect(merged[0]?.points.map((p) => p[0])).toEqual([3000, 4000]);
  });

  it('ignores values older than the window and values that are no numbers', () => {
    const series = loaded([[3000, 3, 3, 3]]);
    const merged = mergeLiveValues(
      series,
      [live(1000, 1), live(4000, Number.NaN), live(Number.POSITIVE_INFINITY, 2)],
      { from: 2000, bucketMs: 0 },
    );
    expect(merged[0]?.points).toEqual([[3000, 3, 3, 3]]);
  });

  it('replaces a repeated newest reading instead of adding it twice', () => {
    const merged = mergeLiveValues(loaded([]), [live(5000, 1), live(5000, 1)], {
      from: 0,
      bucketMs: 0,
    });
    expect(merged[0]?.points).toEqual([[5000, 1, 1, 1]]);
  });

  it('puts a late reading in its place once', () => {
    const series = loaded([
      [1000, 1, 1, 1],
      [3000, 3, 3, 3],
    ]);
    const merged = mergeLiveValues(series, [live(2000, 2), live(2000, 2), live(1000, 9)], {
      from: 0,
      bucketMs: 0,
    });
    expect(merged[0]?.points.map((p) => p[0])).toEqual([1000, 2000, 3000]);
    expect(merged[0]?.latest).toEqual({ ts: 3000, value: 3 });
  });
});

describe('trimAll', () => {
  it('returns the same array when nothing fell out of the window', () => {
    const series = loaded([[3000, 3, 3, 3]]);
    expect(trimAll(series, 1000)).toBe(series);
  });

  it('drops what fell out of a moving window', () => {
    const series = loaded([
      [1000, 1, 1, 1],
      [3000, 3, 3, 3],
    ]);
    expect(trimAll(series, 2000)[0]?.points).toEqual([[3000, 3, 3, 3]]);
  });
});

describe('summarizeSeries and chartColumns', () => {
  const points: [number, number, number, number][] = [
    [1000, 20, 18, 25],
    [2000, 21, 12, 22],
  ];

  it('finds the lowest and highest value from the bands, so spikes count', () => {
    expect(summarizeSeries(points)).toEqual({ min: 12, max: 25, count: 2 });
    expect(summarizeSeries([])).toBeNull();
  });

  it('turns points into uPlot columns: time, average, max, min', () => {
    expect(chartColumns(points)).toEqual([
      [1000, 2000],
      [20, 21],
      [25, 22],
      [18, 12],
    ]);
  });
});
