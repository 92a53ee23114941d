// One time-series chart drawn by uPlot: the average as a line with a band from the lowest to the
// highest value of each point, so a short spike stays visible however far the data is reduced.
// It draws only what it is given (points, window, marker) and makes no API calls, so the same
// chart can show a machine to a customer inside a call. Time labels follow the viewer's language
// and zone; the chart fills its container's width and follows it when it resizes.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesPoint } from '../../shared/api/machines';
import { valueTickLabels } from '../machines/format';
import { chartColumns } from '../machines/series';
import { timeTickLabels } from '../machines/time-axis';

/** Props of MachineChart. */
export interface MachineChartProps {
  points: readonly SeriesPoint[];
  /** The time window shown (epoch ms), whatever the data covers. */
  from: number;
  to: number;
  /** A moment to mark with a vertical line (e.g. when an alarm opened). */
  marker?: number | null;
  /** UI language for the axis labels. */
  language: string;
  /** IANA zone of the time axis; the viewer's own zone when missing. */
  timeZone?: string;
  /** Height in CSS pixels. */
  height?: number;
  /** What the chart shows, in words, for people who cannot see it. */
  description: string;
  testId?: string;
}

interface Colors {
  line: string;
  band: string;
  axis: string;
  grid: string;
  marker: string;
}

// The page's own palette (light or dark), read from its CSS variables.
function readColors(el: HTMLElement): Colors {
  const style = getComputedStyle(el);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const line = value('--accent', '#0b6e69');
  return {
    line,
    band: value('--chart-band', 'rgba(11, 110, 105, 0.18)'),
    axis: value('--muted', '#5c636b'),
    grid: value('--border', '#d8d6d0'),
    marker: value('--danger', '#b42318'),
  };
}

/** Draws one series; see the file comment. */
export function MachineChart({
  points,
  from,
  to,
  marker = null,
  language,
  timeZone,
  height = 220,
  description,
  testId,
}: MachineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // The latest window and marker, read by uPlot's callbacks between React renders.
  const view = useRef({ from, to, marker });

  // The chart is built once per language, zone and height, and rebuilt only when those change.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const colors = readColors(el);
    const axis = {
      stroke: colors.axis,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1 },
    };
    const options: uPlot.Options = {
      width: Math.max(120, el.clientWidth),
      height,
      ms: 1,
      ...(timeZone ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts), timeZone) } : {}),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: () => [view.current.from, view.current.to] },
      },
      series: [
        {},
        { stroke: colors.line, width: 2 },
        { stroke: 'transparent', width: 0, points: { show: false } },
        { stroke: 'transparent', width: 0, points: { show: false } },
      ],
      bands: [{ series: [2, 3], fill: colors.band }],
      axes: [
        {
          ...axis,
          size: 52,
          values: (_u, splits, _axis, _space, incr) =>
            timeTickLabels(splits, incr, language, timeZone),
        },
        {
          ...axis,
          size: 60,
          values: (_u, splits, _axis, _space, incr) => valueTickLabels(splits, incr, language),
        },
      ],
      hooks: {
        draw: [
          (u) => {
            const at = view.current.marker;
            if (at === null) return;
            const x = u.valToPos(at, 'x', true);
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            const { ctx } = u;
            ctx.save();
            ctx.strokeStyle = colors.marker;
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    const plot = new uPlot(options, chartColumns([]), el);
    chart.current = plot;
    const resize = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && width !== plot.width) plot.setSize({ width, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [language, timeZone, height]);

  // New data, a moved window or another marker: redraw with the same chart.
  useEffect(() => {
    view.current = { from, to, marker };
    chart.current?.setData(chartColumns(points));
  }, [points, from, to, marker, language, timeZone, height]);

  return (
    <div
      ref={box}
      className="machine-chart"
      role="img"
      aria-label={description}
      data-testid={testId}
      data-points={points.length}
    />
  );
}
