// The machines page: the customers' machines with their status and open alarms, and a form for
// a new machine.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { fetchMachines } from '../../api/machines';
import { useRequiredUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useLoaded } from '../../components/useLoaded';
import { useClock } from '../../machines/useClock';
import { MachineSummary } from './MachineSummary';
import { NewMachineForm } from './NewMachineForm';
import '../../styles/machines.css';

// Statuses read "offline since …, 3 minutes ago": refresh those words now and then.
const CLOCK_MS = 30_000;

/** The machines page; anonymous visitors are sent to sign in. */
export default function MachinesPage() {
  const { t } = useTranslation('machines');
  const user = useRequiredUser();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  const { data: machines, error } = useLoaded(fetchMachines, user !== null);
  const now = useClock(CLOCK_MS);
  if (!user) return <LoadingNotice />;

  return (
    <Layout title={t('list.title')}>
      <div className="stack machines-page">
        <p className="lead">{t('list.intro')}</p>
        <div className="row">
          <button
            type="button"
            className="primary"
            aria-expanded={creating}
            data-testid="new-machine"
            onClick={() => setCreating((open) => !open)}
          >
            {t('list.newMachine')}
          </button>
        </div>
        {creating && (
          <NewMachineForm
            onCancel={() => setCreating(false)}
            onCreated={(machine) => navigate(`/machines/${machine.id}`)}
          />
        )}
        <ErrorMessage error={error} />
        {!machines && !error && <LoadingNotice />}
        {machines && machines.length === 0 && <p className="muted">{t('list.empty')}</p>}
        {machines && machines.length > 0 && (
          <ul
            className="plain-list machine-list"
            aria-label={t('list.label')}
            data-testid="machine-list"
          >
            {machines.map((machine) => (
              <MachineSummary key={machine.id} machine={machine} now={now} />
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
