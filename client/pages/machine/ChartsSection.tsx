// The readings of a machine page: a chart per device key with live values, loaded lazily so
// that uPlot is fetched only where charts are shown.
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineView } from '../../api/machines';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingNotice } from '../../components/LoadingNotice';
import { chartTitle, findKeyMeta } from '../../machines/format';
import type { ChartSeries } from '../../machines/series';
import type { MachineData } from '../../machines/useMachineData';

const loadCharts = () => import('../../components/MachineCharts');
const MachineCharts = lazy(loadCharts);

/** The charts of all keys of the machine's devices in the chosen window. */
export function ChartsSection({ machine, data }: { machine: MachineView; data: MachineData }) {
  const { t } = useTranslation('machines');
  const { window, series, error } = data;
  // Fetch the chart code while the page loads, so that the first live value shows at once.
  useEffect(() => {
    void loadCharts();
  }, []);
  const labelOf = useCallback(
    (s: ChartSeries) => {
      const meta = findKeyMeta(machine.devices, s.deviceId, s.key);
      return {
        title: chartTitle(machine, s.deviceId, s.key),
        unit: meta?.unit ?? null,
        meaning: meta?.meaning ?? null,
      };
    },
    [machine],
  );
  const shown = series?.filter((s) => s.points.length > 0 || s.latest !== null) ?? null;
  return (
    <section className="stack section-card machine-readings" aria-labelledby="readings-title">
      <h2 id="readings-title">{t('charts.title')}</h2>
      <p className="muted">{t('charts.legend')}</p>
      <ErrorMessage error={error} />
      {!shown && !error && <LoadingNotice />}
      {shown && shown.length === 0 && (
        <p className="notice" data-testid="charts-empty">
          {t('charts.empty')}
        </p>
      )}
      {shown && shown.length > 0 && (
        <Suspense fallback={<LoadingNotice />}>
          <MachineCharts
            series={shown}
            from={window.from}
            to={window.to}
            marker={window.marker}
            rangeText={t(`range.long.${window.range}`)}
            labelOf={labelOf}
          />
        </Suspense>
      )}
    </section>
  );
}
