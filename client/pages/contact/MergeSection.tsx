// Merging a duplicate: find the other record of the same person as you type, choose which record
// stays, read what will happen, and confirm.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView, ContactWithTimeline } from '../../api/contacts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useMerge } from '../../contacts/useMerge';
import type { MergeFlow } from '../../contacts/useMerge';
import type { MergeKeep } from '../../contacts/merge';
import { MergePreview } from './MergePreview';

const KEEP_OPTIONS: readonly MergeKeep[] = ['current', 'other'];

// The search for the other record and its hits, each with a button to choose it.
function MergeSearch({ flow }: { flow: MergeFlow }) {
  const { t } = useTranslation('contacts');
  const query = flow.query.trim();
  return (
    <div className="stack">
      <Field
        // The seller just asked to merge: the search is what comes next.
        autoFocus
        label={t('merge.search')}
        hint={t('merge.searchHint')}
        type="search"
        autoComplete="off"
        maxLength={200}
        data-testid="merge-search"
        value={flow.query}
        onChange={(e) => flow.setQuery(e.target.value)}
      />
      <ErrorMessage error={flow.searchError} />
      <p className="muted" role="status">
        {query && flow.searching
          ? t('list.searching')
          : query && flow.candidates.length === 0 && !flow.searchError
            ? t('merge.noResults', { query })
            : ''}
      </p>
      {query && flow.candidates.length > 0 && (
        <ul className="plain-list" aria-label={t('merge.candidatesLabel')}>
          {flow.candidates.map((contact) => (
            <li key={contact.id} className="card contact-row" data-testid="merge-candidate">
              <div className="contact-row-main">
                <strong className="contact-name">{contact.name}</strong>
                <span className="muted">
                  {[contact.companyName, ...contact.emails].filter(Boolean).join(' · ')}
                </span>
              </div>
              <button
                type="button"
                aria-label={t('merge.chooseFor', { name: contact.name })}
                data-testid="merge-choose"
                onClick={() => flow.choose(contact)}
              >
                {t('merge.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// The chosen record: which one stays, the preview, and the buttons to merge or go back.
function MergeConfirm({ flow, onCancel }: { flow: MergeFlow; onCancel: () => void }) {
  const { t } = useTranslation('contacts');
  const name = useId();
  const firstOption = useRef<HTMLInputElement>(null);
  const ready = flow.preview !== null;
  // The "choose" button is gone: keyboard and screen-reader users continue at the choice of
  // which record stays, right above the preview.
  useEffect(() => {
    if (ready) firstOption.current?.focus();
  }, [ready]);
  if (flow.loadError) {
    return (
      <div className="stack">
        <ErrorMessage error={flow.loadError} />
        <p className="row">
          <button type="button" onClick={() => flow.choose(null)}>
            {t('merge.chooseAnother')}
          </button>
        </p>
      </div>
    );
  }
  if (!flow.preview) return <LoadingNotice />;
  return (
    <div className="stack">
      <fieldset className="mode-choice">
        <legend>{t('merge.keepLegend')}</legend>
        {KEEP_OPTIONS.map((option) => (
          <label key={option} className="mode-option">
            <input
              ref={option === 'current' ? firstOption : undefined}
              type="radio"
              name={name}
              value={option}
              checked={flow.keep === option}
              disabled={flow.busy}
              data-testid={`merge-keep-${option}`}
              onChange={() => flow.setKeep(option)}
            />
            <span>{t(option === 'current' ? 'merge.keepCurrent' : 'merge.keepOther')}</span>
          </label>
        ))}
      </fieldset>
      <MergePreview preview={flow.preview} />
      <ErrorMessage
        error={flow.error}
        texts={{
          same_contact: t('merge.errors.same_contact'),
          contact_not_found: t('merge.errors.contact_not_found'),
        }}
      />
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={flow.busy}
          data-testid="merge-confirm"
          onClick={flow.confirm}
        >
          {t('merge.confirm')}
        </button>
        <button type="button" disabled={flow.busy} onClick={() => flow.choose(null)}>
          {t('merge.chooseAnother')}
        </button>
        <button type="button" disabled={flow.busy} onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * The merge section of an editable contact's page. `onMerged` runs once the server has merged,
 * with the kept record and the one that is gone.
 */
export function MergeSection({
  current,
  onMerged,
}: {
  current: ContactWithTimeline;
  onMerged: (kept: ContactView, removed: ContactView) => void | Promise<void>;
}) {
  const { t } = useTranslation('contacts');
  const [open, setOpen] = useState(false);
  const flow = useMerge(current, async (kept, removed) => {
    setOpen(false);
    await onMerged(kept, removed);
  });
  const close = () => {
    flow.choose(null);
    flow.setQuery('');
    setOpen(false);
  };
  return (
    <section className="card stack section-card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t('merge.title')}</h2>
      <p className="muted">{t('merge.intro', { name: current.contact.name })}</p>
      {!open ? (
        <p>
          <button type="button" data-testid="merge-open" onClick={() => setOpen(true)}>
            {t('merge.open')}
          </button>
        </p>
      ) : flow.chosen ? (
        <MergeConfirm flow={flow} onCancel={close} />
      ) : (
        <>
          <MergeSearch flow={flow} />
          <p>
            <button type="button" onClick={close}>
              {t('form.cancel')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
