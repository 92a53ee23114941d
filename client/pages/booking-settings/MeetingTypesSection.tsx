// The seller's meeting types: each with its timing at a glance, its direct link, and edit and
// delete; a form for a new one.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingTypeInput } from '../../../shared/booking';
import type { MeetingTypeId } from '../../../shared/ids';
import type { MeetingTypeView } from '../../api/booking';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../contacts/useAction';
import { MeetingTypeForm } from './MeetingTypeForm';

/** Props of MeetingTypesSection. */
export interface MeetingTypesSectionProps {
  types: readonly MeetingTypeView[];
  onSave: (id: MeetingTypeId | null, input: MeetingTypeInput) => Promise<MeetingTypeView>;
  onRemove: (id: MeetingTypeId) => Promise<void>;
}

/** Lists, creates, edits and deletes meeting types. */
export function MeetingTypesSection({ types, onSave, onRemove }: MeetingTypesSectionProps) {
  const { t } = useTranslation('bookingSeller');
  // The type being edited, 'new' for the new-type form, or null.
  const [editing, setEditing] = useState<MeetingTypeId | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MeetingTypeView | null>(null);
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);

  const done = (saved: MeetingTypeView | null) => {
    const was = editing;
    setEditing(null);
    if (saved) setNotice(t('types.savedType', { name: saved.name }));
    // Back to the button that opened the form (the edited card's, or "new").
    requestAnimationFrame(() =>
      document
        .querySelector<HTMLElement>(
          was === 'new' || was === null
            ? '[data-testid="meeting-type-new"]'
            : `[data-type-id="${was}"] [data-testid="meeting-type-edit"]`,
        )
        ?.focus(),
    );
  };
  const remove = () => {
    const type = deleting;
    if (!type) return;
    setNotice('');
    void run(() => onRemove(type.id)).then((ok) => {
      setDeleting(null);
      if (!ok) return;
      setNotice(t('types.deleted', { name: type.name }));
      requestAnimationFrame(() => heading.current?.focus());
    });
  };

  return (
    <section className="stack" aria-labelledby="meeting-types-heading">
      <h2 id="meeting-types-heading" ref={heading} tabIndex={-1}>
        {t('types.title')}
      </h2>
      <p className="muted">{t('types.intro')}</p>
      <p
        className={notice ? 'ok' : 'visually-hidden'}
        role="status"
        data-testid="meeting-type-notice"
      >
        {notice}
      </p>
      <ErrorMessage error={error} />
      {types.length === 0 && editing !== 'new' && (
        <p className="notice" data-testid="meeting-types-empty">
          {t('types.empty')}
        </p>
      )}
      <ul className="plain-list" data-testid="meeting-type-list">
        {types.map((type) =>
          editing === type.id ? (
            <li key={type.id}>
              <MeetingTypeForm
                type={type}
                onSave={(input) => onSave(type.id, input)}
                onDone={done}
              />
            </li>
          ) : (
            <li
              key={type.id}
              className="card stack meeting-type-card"
              data-testid="meeting-type"
              data-type-id={type.id}
              data-slug={type.slug}
            >
              <div className="row">
                <h3 className="grow">{type.name}</h3>
                <span className={type.active ? 'tag' : 'tag tag-muted'}>
                  {type.active ? t('types.active') : t('types.inactive')}
                </span>
              </div>
              <p className="muted">
                {t('types.summary', {
                  duration: type.durationMinutes,
                  step: type.slotStepMinutes,
                  horizon: type.horizonDays,
                })}
              </p>
              <div className="link-row">
                <span className="muted">{t('types.link')}</span>
                <code className="room-link">{type.url}</code>
                <CopyButton text={type.url} label={t('types.copyLink')} />
              </div>
              <div className="row">
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('types.editFor', { name: type.name })}
                  data-testid="meeting-type-edit"
                  onClick={() => {
                    setNotice('');
                    setEditing(type.id);
                  }}
                >
                  {t('types.edit')}
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  aria-label={t('types.deleteFor', { name: type.name })}
                  data-testid="meeting-type-delete"
                  onClick={() => setDeleting(type)}
                >
                  {t('types.delete')}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <MeetingTypeForm type={null} onSave={(input) => onSave(null, input)} onDone={done} />
      ) : (
        <div className="row">
          <button
            type="button"
            className="primary"
            data-testid="meeting-type-new"
            onClick={() => {
              setNotice('');
              setEditing('new');
            }}
          >
            + {t('types.new')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? t('types.deleteTitle', { name: deleting.name }) : ''}
        text={t('types.deleteText')}
        confirmLabel={t('types.deleteConfirm')}
        cancelLabel={t('types.cancel')}
        busy={busy}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
        confirmTestId="meeting-type-delete-confirm"
      />
    </section>
  );
}
