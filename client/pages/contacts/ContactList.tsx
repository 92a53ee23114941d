// All contacts the viewer may see, a page at a time.
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useContactList } from '../../contacts/useContactList';
import { ContactSummary } from './ContactSummary';

/** Lists the contacts with a "show more" button while there are more. */
export function ContactList({ now }: { now: number }) {
  const { t } = useTranslation('contacts');
  const { contacts, hasMore, loadingMore, error, loadMore } = useContactList(true);
  return (
    <section className="stack" aria-labelledby="all-contacts">
      <h2 id="all-contacts">{t('list.allTitle')}</h2>
      <ErrorMessage error={error} />
      {!contacts && !error && <LoadingNotice />}
      {contacts && contacts.length === 0 && <p className="muted">{t('list.empty')}</p>}
      {contacts && contacts.length > 0 && (
        <ul className="plain-list">
          {contacts.map((contact) => (
            <ContactSummary key={contact.id} contact={contact} now={now} />
          ))}
        </ul>
      )}
      {hasMore && (
        <p>
          <button type="button" disabled={loadingMore} onClick={() => void loadMore()}>
            {t('list.more')}
          </button>
        </p>
      )}
    </section>
  );
}
