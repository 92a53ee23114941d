// One machine in the list: its name (linking to its page), the customer, whether it is online,
// and its open alarms.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { MachineView } from '../../api/machines';
import { describeStatus } from '../../machines/status';
import { StatusDot } from '../machine/StatusDot';

/** Shows one machine of the list at time `now`. */
export function MachineSummary({ machine, now }: { machine: MachineView; now: number }) {
  const { t, i18n } = useTranslation('machines');
  const status = describeStatus(machine.status, now, t, i18n.language);
  return (
    <li className="card machine-row" data-testid="machine-row">
      <div className="machine-row-main">
        <Link href={`/machines/${machine.id}`} className="machine-row-name">
          {machine.name}
        </Link>
        <span className="muted">
          {machine.companyName} · {t('list.devices', { count: machine.devices.length })}
        </span>
      </div>
      <StatusDot status={status} testId="machine-row-status" />
      <span
        className={machine.openAlarms > 0 ? 'alarm-count open' : 'alarm-count muted'}
        data-testid="machine-row-alarms"
      >
        {machine.openAlarms > 0
          ? t('list.openAlarms', { count: machine.openAlarms })
          : t('list.noAlarms')}
      </span>
    </li>
  );
}
