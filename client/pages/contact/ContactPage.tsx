// One person: who they are (personal context first), how to reach them, logging a call in one
// click, the timeline, editing, merging a duplicate, and their data rights (export, erase).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../../api/http';
import { completeNextStep, updateContact } from '../../api/contacts';
import { useAction } from '../../contacts/useAction';
import { useRequiredUser } from '../../app/session';
import { ContactForm } from '../../components/ContactForm';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { LogTouchpointForm } from '../../components/LogTouchpointForm';
import { useContact } from '../../contacts/useContact';
import type { ContactId } from '../../../shared/ids';
import { ContactPrivacy } from './ContactPrivacy';
import { MergeSection } from './MergeSection';
import { PersonalCard } from './PersonalCard';
import { ReachCard } from './ReachCard';
import { Timeline } from './Timeline';
import '../../styles/contacts.css';

// Whether this page was opened right after a merge into this contact (history entry state).
function arrivedFromMerge(): boolean {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && 'merged' in state && state.merged === true;
}

/** The contact detail page at /contacts/:id; anonymous visitors are sent to sign in. */
export default function ContactPage({ id }: { id: string }) {
  const { t } = useTranslation('contacts');
  const user = useRequiredUser();
  const [, navigate] = useLocation();
  const contactId = id as ContactId;
  const { data, error, reload, replaceContact } = useContact(contactId);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const [merged, setMerged] = useState(arrivedFromMerge);
  const stepDone = useAction();
  if (!user) return <LoadingNotice />;

  const back = (
    <p>
      <Link href="/contacts">← {t('detail.back')}</Link>
    </p>
  );
  if (!data) {
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

  const { contact, timeline } = data;
  const work = [contact.role, contact.companyName].filter(Boolean).join(' · ');
  return (
    <Layout>
      <div className="stack contact-page">
        {back}
        <header className="stack contact-header">
          <h1 data-testid="contact-name">{contact.name}</h1>
          {work && <p className="lead">{work}</p>}
          {contact.tags.length > 0 && (
            <ul className="tag-list" aria-label={t('context.tags')}>
              {contact.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          )}
          {contact.shared && <p className="muted">{t('context.shared')}</p>}
          {!contact.editable && <p className="muted">{t('detail.readOnly')}</p>}
        </header>
        <p className="visually-hidden" role="status">
          {notice}
        </p>
        <p className={merged ? 'ok' : 'visually-hidden'} role="status" data-testid="merge-done">
          {merged ? t('merge.done') : ''}
        </p>
        <ErrorMessage error={error} />
        {editing ? (
          <ContactForm
            contact={contact}
            title={t('form.editTitle')}
            submitLabel={t('form.save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (draft) => {
              replaceContact(await updateContact(contact.id, draft));
              setEditing(false);
              setNotice(t('form.saved'));
            }}
          />
        ) : (
          <>
            {contact.editable && (
              <p>
                <button type="button" data-testid="contact-edit" onClick={() => setEditing(true)}>
                  {t('detail.edit')}
                </button>
              </p>
            )}
            <div className="contact-grid">
              <PersonalCard contact={contact} />
              <ReachCard contact={contact} />
            </div>
            {contact.notes && (
              <section className="card stack section-card" aria-labelledby="notes-title">
                <h2 id="notes-title">{t('context.notes')}</h2>
                <p className="notes">{contact.notes}</p>
              </section>
            )}
          </>
        )}
        <section className="card stack section-card" aria-labelledby="log-title">
          <h2 id="log-title">{t('log.legend')}</h2>
          <LogTouchpointForm
            contactId={contact.id}
            contactName={contact.name}
            submitTestId="log-call"
            onLogged={async () => {
              setNotice(t('today.logged', { name: contact.name }));
              await reload();
            }}
          />
        </section>
        <ErrorMessage error={stepDone.error} />
        <Timeline
          timeline={timeline}
          onNextStepDone={(touchpointId) =>
            void stepDone.run(async () => {
              await completeNextStep(touchpointId);
              await reload();
            })
          }
        />
        {contact.editable && (
          <MergeSection
            current={data}
            onMerged={async (kept) => {
              if (kept.id !== contact.id) {
                navigate(`/contacts/${kept.id}`, { state: { merged: true } });
                return;
              }
              await reload();
              setMerged(true);
            }}
          />
        )}
        {contact.editable && (
          <ContactPrivacy
            contact={contact}
            onErased={() => navigate('/contacts', { state: { erased: contact.name } })}
          />
        )}
      </div>
    </Layout>
  );
}
