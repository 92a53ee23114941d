// A machine shared into the call, for everyone in it: its live charts, read-only, through this
// participant's grant. Loaded lazily (with uPlot) only when a host shares a machine, so the guest
// page stays small. When the share or the call ends, the grant stops working and the panel says so.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSharedMachine } from '../../api/machines';
import type { SharedMachineView } from '../../api/machines';
import { LoadingNotice } from '../../components/LoadingNotice';
import { findSharedKeyMeta, keyLabel } from '../../machines/format';
import type { ChartSeries } from '../../machines/series';
import { sharedMachineSource, useMachineData } from '../../machines/useMachineData';
import type { SharedMachine } from '../../../shared/protocol/signaling';

const MachineCharts = lazy(() => import('../../components/MachineCharts'));

/** The panel; `onStop` is given to hosts, who may stop sharing. */
export default function SharedMachinePanel({
  machine,
  onStop,
}: {
  machine: SharedMachine;
  onStop?: () => void;
}) {
  const { t } = useTranslation('lounge');
  const { t: tm } = useTranslation('machines');
  // Both are kept with the grant they belong to, so that a new share starts from nothing.
  const [loaded, setLoaded] = useState<{ grant: string; view: SharedMachineView } | null>(null);
  const [failedGrant, setFailedGrant] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const { grant } = machine;
    fetchSharedMachine(grant, abort.signal).then(
      (view) => setLoaded({ grant, view }),
      () => {
        if (!abort.signal.aborted) setFailedGrant(grant);
      },
    );
    return () => abort.abort();
  }, [machine]);
  const view = loaded?.grant === machine.grant ? loaded.view : null;
  const ended = failedGrant === machine.grant;
  const source = useMemo(() => sharedMachineSource(machine.grant), [machine.grant]);
  const data = useMachineData(source, '1h', null, !ended);
  const labelOf = useCallback(
    (s: ChartSeries) => {
      const meta = view ? findSharedKeyMeta(view.keys, s.deviceId, s.key) : null;
      return {
        title: keyLabel(meta, s.key),
        unit: meta?.unit ?? null,
        meaning: meta?.meaning ?? null,
      };
    },
    [view],
  );
  const shown = data.series?.filter((s) => s.points.length > 0 || s.latest !== null) ?? null;
  return (
    <section
      className="stack section-card shared-machine"
      data-testid="shared-machine"
      aria-label={t('machine.label', { name: machine.name })}
    >
      <header className="shared-machine-header">
        <h2>{t('machine.title', { name: machine.name })}</h2>
        {onStop && (
          <button type="button" data-testid="stop-sharing-machine" onClick={onStop}>
            {t('machine.stop')}
          </button>
        )}
      </header>
      {ended || data.error ? (
        <p className="notice" role="status" data-testid="shared-machine-ended">
          {t('machine.ended')}
        </p>
      ) : !shown ? (
        <LoadingNotice />
      ) : shown.length === 0 ? (
        <p className="muted">{t('machine.noData')}</p>
      ) : (
        <Suspense fallback={<LoadingNotice />}>
          <MachineCharts
            series={shown}
            from={data.window.from}
            to={data.window.to}
            rangeText={tm('range.long.1h')}
            labelOf={labelOf}
            height={140}
          />
        </Suspense>
      )}
    </section>
  );
}
