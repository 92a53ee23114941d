// The two records of one person side by side, which one stays and which goes, and in plain words
// what the merge moves over, fills in and deletes.
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../api/contacts';
import { formatList } from '../../contacts/format';
import type { MergeField, MergePreview as Preview } from '../../contacts/merge';
import { formatPhone } from '../../contacts/phone';

// The label each filled field goes by on the contact page and in the form.
const FIELD_LABELS = {
  companyName: 'form.companyName',
  role: 'form.role',
  address: 'context.address',
  language: 'context.language',
  timeZone: 'context.timeZone',
  family: 'context.family',
  interests: 'context.interests',
  homeOffice: 'context.homeOffice',
  birthday: 'context.birthday',
  preferredChannel: 'form.preferredChannel',
  notes: 'context.notes',
  cadenceDays: 'context.cadence',
} as const satisfies Record<MergeField, string>;

// One record as a card: who it is and what it holds.
function MergeSide({
  title,
  contact,
  touchpoints,
  className,
  testId,
}: {
  title: string;
  contact: ContactView;
  touchpoints: number;
  className: string;
  testId: string;
}) {
  const { t } = useTranslation('contacts');
  const work = [contact.role, contact.companyName].filter(Boolean).join(' · ');
  return (
    <div className={`card stack merge-side ${className}`} data-testid={testId}>
      <p className="merge-side-title">{title}</p>
      <p className="merge-side-name">
        <strong>{contact.name}</strong>
      </p>
      {work && <p className="muted">{work}</p>}
      <ul className="plain-list merge-side-facts">
        {contact.emails.map((email) => (
          <li key={email}>{email}</li>
        ))}
        {contact.phones.map((phone) => (
          <li key={phone}>{formatPhone(phone)}</li>
        ))}
        <li>{t('merge.touchpoints', { count: touchpoints })}</li>
      </ul>
      {contact.tags.length > 0 && (
        <ul className="tag-list" aria-label={t('context.tags')}>
          {contact.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Shows what merging will do, before the seller confirms it. */
export function MergePreview({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation('contacts');
  const list = (items: readonly string[]) => formatList(items, i18n.language);
  const newItems = [
    { key: 'merge.addedEmails', items: preview.addedEmails },
    { key: 'merge.addedPhones', items: preview.addedPhones.map(formatPhone) },
    { key: 'merge.addedTags', items: preview.addedTags },
  ] as const;
  const gained = newItems.filter((item) => item.items.length > 0);
  return (
    <div className="stack merge-preview" data-testid="merge-preview">
      <div className="merge-sides">
        <MergeSide
          title={t('merge.stays')}
          contact={preview.keep}
          touchpoints={preview.keptTouchpoints}
          className="merge-keep"
          testId="merge-keep"
        />
        <MergeSide
          title={t('merge.goes')}
          contact={preview.remove}
          touchpoints={preview.movedTouchpoints}
          className="merge-goes"
          testId="merge-remove"
        />
      </div>
      <h3>{t('merge.whatHappens')}</h3>
      <ul className="merge-effects">
        <li>
          {t('merge.moveTimeline', {
            touchpoints: t('merge.touchpoints', { count: preview.movedTouchpoints }),
          })}
        </li>
        <li>
          {t('merge.moveDetails')}{' '}
          {gained.length === 0 ? (
            t('merge.nothingNew')
          ) : (
            <ul>
              {gained.map((item) => (
                <li key={item.key}>{t(item.key, { list: list(item.items) })}</li>
              ))}
            </ul>
          )}
        </li>
        {preview.filledFields.length > 0 && (
          <li>
            {t('merge.filled', {
              fields: list(preview.filledFields.map((field) => t(FIELD_LABELS[field]))),
            })}
          </li>
        )}
        <li>
          <strong>{t('merge.deleted')}</strong>
        </li>
      </ul>
    </div>
  );
}
