// Which stretch of time a machine page shows: one of the chart ranges, ending now (and moving
// with the clock), or centred on a moment to look at (`?at=`, e.g. when an alarm opened).
import { CHART_RANGES, MAX_CHART_POINTS } from '../../shared/api/machines';
import type { ChartRange } from '../../shared/api/machines';

/** The ranges a machine page offers, shortest first. */
export const RANGE_OPTIONS: readonly ChartRange[] = ['10m', '1h', '24h', '7d', '30d'];

/** The range shown when the address names none. */
export const DEFAULT_RANGE: ChartRange = '1h';

/** The stretch of time the charts show. */
export interface ChartWindow {
  range: ChartRange;
  /** First and last moment shown (epoch ms). */
  from: number;
  to: number;
  /** True when the window ends now: it moves with the clock and takes live values. */
  live: boolean;
  /** The moment to mark in the charts (from `?at=`), or null. */
  marker: number | null;
  /** The `end` a series query needs: null for "now". */
  end: number | null;
}

/** A range named in the address, or the default for anything else. */
export function parseRange(raw: string | null): ChartRange {
  return RANGE_OPTIONS.find((range) => range === raw) ?? DEFAULT_RANGE;
}

/** A moment named in the address (`?at=` in epoch ms), or null when it is missing or no time. */
export function parseAt(raw: string | null): number | null {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  const at = Number(raw);
  return Number.isSafeInteger(at) ? at : null;
}

/**
 * The window of `range` at time `now`: ending now without a marker; centred on `at` with one.
 * A marked moment so recent that the window would reach into the future ends now instead, so
 * that the charts stay live and the marker still shows.
 */
export function chartWindow(range: ChartRange, at: number | null, now: number): ChartWindow {
  const span = CHART_RANGES[range];
  if (at === null || at + span / 2 >= now) {
    return { range, from: now - span, to: now, live: true, marker: at, end: null };
  }
  const to = at + Math.round(span / 2);
  return { range, from: to - span, to, live: false, marker: at, end: to };
}

/** The same window at a later time: a live window moves along, a fixed one stays. */
export function advanceWindow(window: ChartWindow, now: number): ChartWindow {
  if (!window.live) return window;
  const span = CHART_RANGES[window.range];
  return { ...window, from: now - span, to: now };
}

/** How much time one chart point stands for at most: live readings closer than this are folded. */
export function bucketMs(range: ChartRange): number {
  return CHART_RANGES[range] / MAX_CHART_POINTS;
}

/** How often a live window moves: once per chart point, between 1 second and 1 minute. */
export function tickMs(range: ChartRange): number {
  return Math.min(60_000, Math.max(1_000, Math.round(bucketMs(range))));
}

/** The query part of a machine page's address for a range and marked moment ("" for defaults). */
export function machineSearch(range: ChartRange, at: number | null): string {
  const query = new URLSearchParams();
  if (range !== DEFAULT_RANGE) query.set('range', range);
  if (at !== null) query.set('at', String(at));
  const text = query.toString();
  return text ? `?${text}` : '';
}
