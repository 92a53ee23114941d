// The host's control to show one of their machines in the call. Loaded lazily on first use: it
// lists the seller's machines and sends the choice over signaling.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchMachines } from '../../api/machines';
import type { MachineView } from '../../api/machines';
import type { MachineId } from '../../../shared/ids';

/** A select of the host's machines and a share button. */
export default function MachineSharePicker({ onShare }: { onShare: (id: MachineId) => void }) {
  const { t } = useTranslation('lounge');
  const [machines, setMachines] = useState<MachineView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [chosen, setChosen] = useState<string>('');
  useEffect(() => {
    const abort = new AbortController();
    fetchMachines(abort.signal).then(
      (list) => {
        setMachines(list);
        setChosen(list[0]?.id ?? '');
      },
      () => {
        if (!abort.signal.aborted) setFailed(true);
      },
    );
    return () => abort.abort();
  }, []);
  if (failed) return <p className="notice">{t('machine.loadFailed')}</p>;
  if (!machines) return <p className="muted">{t('machine.loading')}</p>;
  if (machines.length === 0) return <p className="muted">{t('machine.none')}</p>;
  return (
    <form
      className="machine-share-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onShare(chosen as MachineId);
      }}
    >
      <label htmlFor="share-machine-select">{t('machine.choose')}</label>
      <select
        id="share-machine-select"
        data-testid="share-machine-select"
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
      >
        {machines.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.companyName})
          </option>
        ))}
      </select>
      <button type="submit" data-testid="share-machine">
        {t('machine.share')}
      </button>
    </form>
  );
}
