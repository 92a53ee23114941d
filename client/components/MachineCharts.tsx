// A machine's charts as one panel: for every series its title and unit, the newest value, and
// the chart. Everything comes in through props (series, window, labels), nothing is fetched, so
// the panel works read-only wherever the data comes from: the seller's machine page, or later a
// machine shared into a call. Loaded lazily (uPlot is its own chunk), e.g. with
// `lazy(() => import('../components/MachineCharts'))`.
import { useTranslation } from 'react-i18next';
import { formatReading } from '../machines/format';
import { seriesId, summarizeSeries } from '../machines/series';
import type { ChartSeries } from '../machines/series';
import { formatReadingTime } from '../machines/time-axis';
import { MachineChart } from './MachineChart';

/** How one series is titled: its display name (and device) and its unit. */
export interface SeriesLabel {
  title: string;
  unit: string | null;
  /** What the reading means, shown under the title when known. */
  meaning?: string | null;
}

/** Props of MachineCharts. */
export interface MachineChartsProps {
  series: readonly ChartSeries[];
  /** The window the charts show (epoch ms) and a moment to mark, if any. */
  from: number;
  to: number;
  marker?: number | null;
  /** The window in words for the charts' text summaries: "last hour". */
  rangeText: string;
  labelOf: (series: ChartSeries) => SeriesLabel;
  /** Chart height in CSS pixels (smaller inside a call). */
  height?: number;
  timeZone?: string;
}

/** The charts of a machine; see the file comment. */
export default function MachineCharts({
  series,
  from,
  to,
  marker = null,
  rangeText,
  labelOf,
  height,
  timeZone,
}: MachineChartsProps) {
  const { t, i18n } = useTranslation('machines');
  const language = i18n.language;
  return (
    <ul className="machine-charts" data-testid="machine-charts">
      {series.map((s) => {
        const label = labelOf(s);
        const reading = (value: number) => formatReading(value, label.unit, language);
        const stats = summarizeSeries(s.points);
        const description =
          stats && s.latest
            ? t('charts.summary', {
                name: label.title,
                range: rangeText,
                min: reading(stats.min),
                max: reading(stats.max),
                latest: reading(s.latest.value),
              })
            : t('charts.summaryEmpty', { name: label.title, range: rangeText });
        return (
          <li
            key={seriesId(s.deviceId, s.key)}
            className="card machine-chart-card"
            data-testid="machine-chart"
            data-key={s.key}
            data-device={s.deviceId}
          >
            <div className="machine-chart-head">
              <h3 className="machine-chart-title">
                {label.title}
                {label.unit && <span className="muted"> ({label.unit})</span>}
              </h3>
              {s.latest && (
                <p className="machine-chart-latest">
                  <span className="muted">{t('charts.latest')}: </span>
                  <strong data-testid="chart-latest">{reading(s.latest.value)}</strong>{' '}
                  <span className="muted">
                    {t('charts.latestAt', {
                      time: formatReadingTime(s.latest.ts, to, language, timeZone),
                    })}
                  </span>
                </p>
              )}
            </div>
            {label.meaning && <p className="muted machine-chart-meaning">{label.meaning}</p>}
            <MachineChart
              points={s.points}
              from={from}
              to={to}
              marker={marker}
              language={language}
              {...(timeZone ? { timeZone } : {})}
              {...(height ? { height } : {})}
              description={description}
              testId="machine-chart-plot"
            />
          </li>
        );
      })}
    </ul>
  );
}
