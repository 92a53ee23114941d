// A person's data rights in two buttons: export everything about them, or erase them for good
// (after a dialog that names them).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eraseContact, exportContact } from '../../api/contacts';
import type { ContactView } from '../../api/contacts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../contacts/useAction';
import { useDownload } from '../../contacts/useDownload';

/** Export and erase of one contact; `onErased` runs once the server has erased them. */
export function ContactPrivacy({
  contact,
  onErased,
}: {
  contact: ContactView;
  onErased: () => void;
}) {
  const { t } = useTranslation('contacts');
  const download = useDownload();
  const erase = useAction();
  const [confirming, setConfirming] = useState(false);
  const name = contact.name;

  const confirmErase = () =>
    void erase
      .run(() => eraseContact(contact.id))
      .then((ok) => {
        setConfirming(false);
        if (ok) onErased();
      });

  return (
    <section className="card stack section-card" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('detail.privacyTitle')}</h2>
      <p className="muted">{t('detail.exportHint')}</p>
      <div className="row">
        <button
          type="button"
          disabled={download.busy}
          data-testid="contact-export"
          onClick={() => void download.save(() => exportContact(contact.id))}
        >
          {t('detail.export')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="contact-erase"
          onClick={() => setConfirming(true)}
        >
          {t('detail.erase')}
        </button>
      </div>
      <ErrorMessage error={download.error ?? erase.error} />
      <ConfirmDialog
        open={confirming}
        title={t('detail.eraseTitle', { name })}
        text={t('detail.eraseText', { name })}
        confirmLabel={t('detail.eraseConfirm', { name })}
        cancelLabel={t('form.cancel')}
        busy={erase.busy}
        confirmTestId="erase-confirm"
        onConfirm={confirmErase}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
