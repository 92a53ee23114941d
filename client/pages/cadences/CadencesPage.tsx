// The cadence settings at /contacts/cadences: how often the team wants to be in touch, by tag,
// shortest first, and the cadence of everyone else. The account owner changes, adds and removes
// them; sellers read them.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useRequiredUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useTagCadences } from '../../contacts/useTagCadences';
import { AddCadenceForm } from './AddCadenceForm';
import { CadenceRow } from './CadenceRow';
import '../../styles/contacts.css';

/** The cadence settings page; anonymous visitors are sent to sign in. */
export default function CadencesPage() {
  const { t } = useTranslation('contacts');
  const user = useRequiredUser();
  const { cadences, error, busy, actionError, save, remove } = useTagCadences(user !== null);
  const [notice, setNotice] = useState('');
  const listTitle = useRef<HTMLHeadingElement>(null);
  if (!user) return <LoadingNotice />;

  const owner = user.role === 'owner';
  const store = async (tag: string, days: number) => {
    setNotice('');
    const stored = await save(tag, days);
    if (stored) setNotice(t('cadences.saved', { tag, count: days }));
    return stored;
  };
  const unset = (tag: string) => {
    setNotice('');
    void remove(tag).then((removed) => {
      if (!removed) return;
      setNotice(t('cadences.removed', { tag }));
      // The row and its buttons are gone: continue at the list.
      listTitle.current?.focus();
    });
  };

  return (
    <Layout title={t('cadences.title')}>
      <div className="stack cadences-page">
        <p>
          <Link href="/contacts">← {t('detail.back')}</Link>
        </p>
        <p className="lead">{t('cadences.intro')}</p>
        {!owner && (
          <p className="notice" data-testid="cadences-read-only">
            {t('cadences.readOnly')}
          </p>
        )}
        <p className={notice ? 'ok' : 'visually-hidden'} role="status" data-testid="cadence-notice">
          {notice}
        </p>
        <ErrorMessage error={error} />
        {!cadences && !error && <LoadingNotice />}
        {cadences && (
          <section className="card stack section-card" aria-labelledby="cadence-list-title">
            <h2 id="cadence-list-title" ref={listTitle} tabIndex={-1}>
              {t('cadences.listTitle')}
            </h2>
            {owner && <p className="muted">{t('cadences.ownerHint')}</p>}
            {cadences.cadences.length === 0 && <p className="muted">{t('cadences.empty')}</p>}
            {cadences.cadences.length > 0 && (
              <ul className="plain-list cadence-list" data-testid="cadence-list">
                {cadences.cadences.map((cadence) =>
                  owner ? (
                    <CadenceRow
                      key={cadence.tag}
                      cadence={cadence}
                      busy={busy}
                      onSave={store}
                      onRemove={unset}
                    />
                  ) : (
                    <li
                      key={cadence.tag}
                      className="cadence-row"
                      data-testid="cadence-row"
                      data-tag={cadence.tag}
                    >
                      <span className="tag">{cadence.tag}</span>
                      <span data-testid="cadence-days">
                        {t('context.cadenceDays', { count: cadence.days })}
                      </span>
                    </li>
                  ),
                )}
              </ul>
            )}
            <p data-testid="cadence-fallback">
              {t('cadences.fallback', { count: cadences.fallbackDays })}
            </p>
            <ErrorMessage error={actionError} />
          </section>
        )}
        {cadences && owner && (
          <AddCadenceForm existing={cadences.cadences} busy={busy} onAdd={store} />
        )}
      </div>
    </Layout>
  );
}
