// The contacts page: one search box with hits as you type, otherwise the list of everyone, a
// form for a new contact, and import and export.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { createContact } from '../../api/contacts';
import { useRequiredUser } from '../../app/session';
import { ContactForm } from '../../components/ContactForm';
import { LoadingNotice } from '../../components/LoadingNotice';
import { Layout } from '../../components/Layout';
import { ContactList } from './ContactList';
import { ContactSearchResults } from './ContactSearchResults';
import { ContactTransfer } from './ContactTransfer';
import '../../styles/contacts.css';

// The name of a contact just erased on their page, handed over in the history entry.
function erasedName(): string | null {
  const state: unknown = window.history.state;
  if (typeof state !== 'object' || state === null || !('erased' in state)) return null;
  return typeof state.erased === 'string' ? state.erased : null;
}

/** The contacts page; anonymous visitors are sent to sign in. */
export default function ContactsPage() {
  const { t } = useTranslation('contacts');
  const user = useRequiredUser();
  const [, navigate] = useLocation();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const [now] = useState(() => Date.now());
  const [erased] = useState(erasedName);
  if (!user) return <LoadingNotice />;

  return (
    <Layout title={t('list.title')}>
      <div className="stack">
        <p className={erased ? 'ok' : 'visually-hidden'} role="status">
          {erased ? t('list.erased', { name: erased }) : ''}
        </p>
        <div className="field contact-search">
          <label htmlFor={searchId}>{t('list.search')}</label>
          <input
            id={searchId}
            type="search"
            autoComplete="off"
            placeholder={t('list.searchHint')}
            maxLength={200}
            data-testid="contact-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="row">
          <button
            type="button"
            className="primary"
            aria-expanded={creating}
            data-testid="new-contact"
            onClick={() => setCreating((open) => !open)}
          >
            {t('list.newContact')}
          </button>
          <Link href="/contacts/cadences" className="button" data-testid="cadences-link">
            {t('cadences.link')}
          </Link>
        </div>
        {creating && (
          <ContactForm
            title={t('form.createTitle')}
            submitLabel={t('form.create')}
            onCancel={() => setCreating(false)}
            onSubmit={async (draft) => {
              const contact = await createContact(draft);
              navigate(`/contacts/${contact.id}`);
            }}
          />
        )}
        {query.trim() ? (
          <ContactSearchResults query={query} now={now} />
        ) : (
          <ContactList now={now} />
        )}
        <ContactTransfer />
      </div>
    </Layout>
  );
}
