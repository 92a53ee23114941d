// The top of a machine page: its name, the customer and contact, and whether it is online.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { MachineView } from '../../api/machines';
import type { StatusText } from '../../machines/status';
import { StatusDot } from './StatusDot';

/** The machine's name, customer, contact for alarms and status. */
export function MachineHeader({ machine, status }: { machine: MachineView; status: StatusText }) {
  const { t } = useTranslation('machines');
  return (
    <header className="stack machine-header">
      <h1 data-testid="machine-title">{machine.name}</h1>
      <p className="lead">
        <span className="muted">{t('detail.customer')}: </span>
        {machine.companyName}
        {' · '}
        {machine.contactId ? (
          <Link href={`/contacts/${machine.contactId}`}>{t('detail.contact')}</Link>
        ) : (
          <span className="muted">{t('detail.noContact')}</span>
        )}
      </p>
      {/* Announced only when the machine goes online or offline, not as the minutes pass. */}
      <p className="visually-hidden" role="status">
        {status.online ? t('status.online') : status.lastData ? t('status.offline') : ''}
      </p>
      <p className="machine-status-line">
        <StatusDot status={status} testId="machine-status" />
        {status.lastData && status.online && (
          <span className="muted"> · {t('status.lastData', { time: status.lastData })}</span>
        )}
      </p>
    </header>
  );
}
