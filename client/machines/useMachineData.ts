// The data behind a machine's charts: the series of the chosen window, live values merged in as
// they arrive, the window moving with the clock, and the newest live reading for the status.
// Where the data comes from is a source: the seller's own API, or (for a machine shared into a
// call) any other endpoints with the same answers.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CHART_RANGES } from '../../shared/api/machines';
import {
  fetchMachineSeries,
  fetchSharedSeries,
  liveValuesUrl,
  sharedLiveUrl,
} from '../api/machines';
import type { ChartRange, LiveValue, MachineSeriesView } from '../api/machines';
import type { MachineId } from '../../shared/ids';
import type { LiveState } from './live';
import { bucketMs, chartWindow, tickMs } from './range';
import type { ChartWindow } from './range';
import { mergeLiveValues, seriesFromView, trimAll } from './series';
import type { ChartSeries } from './series';
import { useClock } from './useClock';
import { useLiveFeed } from './useLiveFeed';

/** Where a machine's chart data comes from. Keep it stable (useMemo): a new source reloads. */
export interface MachineDataSource {
  /** Names the machine; another id starts afresh. */
  id: string;
  /** Loads every series of the machine over `range`, ending now or at `end`. */
  loadSeries: (
    range: ChartRange,
    end: number | null,
    signal: AbortSignal,
  ) => Promise<MachineSeriesView>;
  /** The machine's live values as server-sent events (`data: {"values": [...]}`). */
  liveUrl: string;
}

/** The source of a machine the signed-in seller may see. */
export function sellerMachineSource(id: MachineId): MachineDataSource {
  return {
    id,
    loadSeries: (range, end, signal) => fetchMachineSeries(id, range, end, signal),
    liveUrl: liveValuesUrl(id),
  };
}

/** The source of a machine shared into a call, read through the participant's grant. */
export function sharedMachineSource(grant: string): MachineDataSource {
  return {
    id: grant,
    loadSeries: (range, end, signal) => fetchSharedSeries(grant, range, end, signal),
    liveUrl: sharedLiveUrl(grant),
  };
}

/** What a machine's charts show. */
export interface MachineData {
  window: ChartWindow;
  /** The series in view, null while the window loads. */
  series: readonly ChartSeries[] | null;
  error: unknown;
  live: LiveState;
  /** Device time of the newest live value since the page opened, or null. */
  newestLive: number | null;
}

interface Loaded {
  key: string;
  series: readonly ChartSeries[] | null;
  error: unknown;
}

/** Loads and live-updates the charts of a machine for `range` around `at` (or ending now). */
export function useMachineData(
  source: MachineDataSource,
  range: ChartRange,
  at: number | null,
  enabled: boolean,
): MachineData {
  const now = useClock(tickMs(range), enabled);
  const chart = useMemo(() => chartWindow(range, at, now), [range, at, now]);
  const key = `${source.id}|${range}|${chart.end ?? 'now'}`;
  const [loaded, setLoaded] = useState<Loaded>({ key: '', series: null, error: null });
  const [generation, setGeneration] = useState(0);
  const [newestLive, setNewestLive] = useState<number | null>(null);
  // The newest state, for live values that arrive between renders.
  const current = useRef<Loaded>(loaded);
  // Values that arrive while the window loads are merged once it is there.
  const early = useRef<LiveValue[]>([]);
  const live = useRef(chart.live);
  useEffect(() => {
    live.current = chart.live;
  }, [chart.live]);

  const store = useCallback((next: Loaded) => {
    current.current = next;
    setLoaded(next);
  }, []);

  const { end } = chart;
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    early.current = [];
    source.loadSeries(range, end, abort.signal).then(
      (view) => {
        const series = seriesFromView(view);
        const merged = live.current
          ? mergeLiveValues(series, early.current, {
              from: view.from,
              bucketMs: bucketMs(range),
            })
          : series;
        early.current = [];
        store({ key, series: merged, error: null });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const previous = current.current;
        store({ key, series: previous.key === key ? previous.series : null, error });
      },
    );
    return () => abort.abort();
  }, [enabled, source, range, end, key, generation, store]);

  const onValues = useCallback(
    (values: LiveValue[]) => {
      const newest = values.reduce((max, v) => Math.max(max, v.ts), -Infinity);
      setNewestLive((prev) => (prev === null || newest > prev ? newest : prev));
      if (!live.current) return;
      const loadedNow = current.current;
      if (loadedNow.key !== key || !loadedNow.series) {
        early.current.push(...values);
        return;
      }
      const from = Date.now() - CHART_RANGES[range];
      store({
        ...loadedNow,
        series: mergeLiveValues(loadedNow.series, values, { from, bucketMs: bucketMs(range) }),
      });
    },
    [key, range, store],
  );
  const onResync = useCallback(() => setGeneration((g) => g + 1), []);
  const liveState = useLiveFeed(source.liveUrl, enabled, { onValues, onResync });

  const shownSeries = loaded.key === key ? loaded.series : null;
  const series = useMemo(
    () => (shownSeries && chart.live ? trimAll(shownSeries, chart.from) : shownSeries),
    [shownSeries, chart.live, chart.from],
  );
  const error = loaded.key === key ? loaded.error : null;
  return { window: chart, series, error, live: liveState, newestLive };
}
