// The open and recent alarms of a machine, open ones first, each linking to the chart at the
// moment it opened.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AlarmView, ChartRange, MachineView } from '../../api/machines';
import { findKeyMeta, formatReading, keyLabel } from '../../machines/format';
import { machineSearch } from '../../machines/range';
import { formatSince } from '../../machines/status';
import type { MachinesT } from '../../machines/status';

function describeAlarm(
  alarm: AlarmView,
  machine: MachineView,
  t: MachinesT,
  language: string,
): string {
  if (alarm.kind === 'offline') {
    const device = machine.devices.find((d) => d.id === alarm.deviceId);
    return t('alarms.offline', { device: device?.name ?? '' });
  }
  const key = alarm.key ?? '';
  const meta = findKeyMeta(machine.devices, alarm.deviceId, key);
  const value =
    alarm.value === null ? '' : formatReading(alarm.value, meta?.unit ?? null, language);
  const label = keyLabel(meta, key);
  return alarm.kind === 'above'
    ? t('alarms.above', { key: label, value })
    : t('alarms.below', { key: label, value });
}

/** Props of AlarmsSection. */
export interface AlarmsSectionProps {
  machine: MachineView;
  alarms: readonly AlarmView[];
  range: ChartRange;
  now: number;
}

/** Lists the machine's alarms. */
export function AlarmsSection({ machine, alarms, range, now }: AlarmsSectionProps) {
  const { t, i18n } = useTranslation('machines');
  const language = i18n.language;
  const sorted = [...alarms].sort(
    (a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.openedAt - a.openedAt,
  );
  return (
    <section className="card stack section-card" aria-labelledby="alarms-title">
      <h2 id="alarms-title">{t('alarms.title')}</h2>
      {sorted.length === 0 && <p className="muted">{t('alarms.empty')}</p>}
      {sorted.length > 0 && (
        <ul className="plain-list alarm-list" data-testid="alarm-list">
          {sorted.map((alarm) => {
            const text = describeAlarm(alarm, machine, t, language);
            const opened = formatSince(alarm.openedAt, now, language);
            return (
              <li
                key={alarm.id}
                className={alarm.closedAt === null ? 'alarm-item open' : 'alarm-item'}
                data-testid="alarm-item"
              >
                <span className={alarm.closedAt === null ? 'tag alarm-open' : 'tag'}>
                  {alarm.closedAt === null ? t('alarms.open') : t('alarms.closed')}
                </span>
                <span className="grow">
                  {text}{' '}
                  <span className="muted">
                    {alarm.closedAt === null
                      ? t('alarms.openedAt', { time: opened })
                      : t('alarms.closedAt', {
                          opened,
                          closed: formatSince(alarm.closedAt, now, language),
                        })}
                  </span>
                </span>
                <Link
                  href={`/machines/${machine.id}${machineSearch(range, alarm.openedAt)}`}
                  aria-label={t('alarms.showOnChartFor', { alarm: text })}
                >
                  {t('alarms.showOnChart')}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
