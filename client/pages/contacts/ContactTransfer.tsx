// Import and export of the whole contact list: to the import page, and downloads as CSV or vCard.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { exportAllContacts } from '../../api/contacts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDownload } from '../../contacts/useDownload';

/** Links to the import and buttons that download every contact the viewer may see. */
export function ContactTransfer() {
  const { t } = useTranslation('contacts');
  const { busy, error, save } = useDownload();
  return (
    <section className="card stack section-card" aria-labelledby="contacts-transfer">
      <h2 id="contacts-transfer">{t('list.transferTitle')}</h2>
      <div className="row">
        <Link href="/contacts/import" className="button" data-testid="import-link">
          {t('list.import')}
        </Link>
        <button
          type="button"
          disabled={busy}
          data-testid="export-csv"
          onClick={() => void save(() => exportAllContacts('csv'))}
        >
          {t('list.exportCsv')}
        </button>
        <button
          type="button"
          disabled={busy}
          data-testid="export-vcf"
          onClick={() => void save(() => exportAllContacts('vcf'))}
        >
          {t('list.exportVcf')}
        </button>
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}
