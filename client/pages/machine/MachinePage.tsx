// One machine at /machines/:id: whether it is online, its readings as live charts over a chosen
// range (or around a moment, `?at=`, e.g. from an alarm on the Today list), its alarms, and its
// devices with tokens, reading metadata and alarm rules.
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { ApiError } from '../../api/http';
import type { ChartRange } from '../../api/machines';
import { useRequiredUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { findKeyMeta } from '../../machines/format';
import { machineSearch, parseAt, parseRange } from '../../machines/range';
import { describeStatus, withLiveData } from '../../machines/status';
import { useClock } from '../../machines/useClock';
import { useMachine } from '../../machines/useMachine';
import { sellerMachineSource, useMachineData } from '../../machines/useMachineData';
import type { MachineId } from '../../../shared/ids';
import { AlarmsSection } from './AlarmsSection';
import { ChartsSection } from './ChartsSection';
import { DevicesSection } from './DevicesSection';
import { MachineHeader } from './MachineHeader';
import { RangeBar } from './RangeBar';
import '../../styles/machines.css';

// "Offline since 14:32 (3 minutes ago)" moves on by itself.
const STATUS_CLOCK_MS = 15_000;

/** The machine page; anonymous visitors are sent to sign in. */
export default function MachinePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('machines');
  const user = useRequiredUser();
  const machineId = id as MachineId;
  const [, navigate] = useLocation();
  const search = useSearch();
  const { range, at } = useMemo(() => {
    const query = new URLSearchParams(search);
    return { range: parseRange(query.get('range')), at: parseAt(query.get('at')) };
  }, [search]);
  const enabled = user !== null;
  const { machine, alarms, error, reload, replaceDevice, removeDevice } = useMachine(
    machineId,
    enabled,
  );
  const source = useMemo(() => sellerMachineSource(machineId), [machineId]);
  const data = useMachineData(source, range, at, enabled);
  const now = useClock(STATUS_CLOCK_MS, enabled);

  // A key seen for the first time (a device's first data) has no metadata yet: load it.
  const unknownKeys = machine
    ? (data.series ?? [])
        .filter((s) => !findKeyMeta(machine.devices, s.deviceId, s.key))
        .map((s) => `${s.deviceId}/${s.key}`)
        .join(',')
    : '';
  useEffect(() => {
    if (unknownKeys) void reload();
  }, [unknownKeys, reload]);

  const show = useCallback(
    (nextRange: ChartRange, nextAt: number | null) =>
      navigate(`/machines/${encodeURIComponent(machineId)}${machineSearch(nextRange, nextAt)}`, {
        replace: true,
      }),
    [navigate, machineId],
  );
  if (!user) return <LoadingNotice />;

  const back = (
    <p>
      <Link href="/machines">← {t('detail.back')}</Link>
    </p>
  );
  if (!machine) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <Layout>
        {back}
        {missing ? (
          <p className="notice">{t('detail.notFound')}</p>
        ) : (
          <ErrorMessage error={error} />
        )}
        {!error && <LoadingNotice />}
      </Layout>
    );
  }

  const status = describeStatus(
    withLiveData(machine.status, data.newestLive),
    Math.max(now, data.newestLive ?? 0),
    t,
    i18n.language,
  );
  return (
    <Layout>
      <div className="stack machine-page">
        {back}
        <MachineHeader machine={machine} status={status} />
        <ErrorMessage error={error} />
        <RangeBar
          window={data.window}
          live={data.live}
          onRange={(next) => show(next, at)}
          onNow={() => show(range, null)}
        />
        <ChartsSection machine={machine} data={data} />
        <AlarmsSection machine={machine} alarms={alarms ?? []} range={range} now={now} />
        <DevicesSection
          machine={machine}
          now={now}
          onDeviceChanged={replaceDevice}
          onDeviceDeleted={removeDevice}
        />
      </div>
    </Layout>
  );
}
