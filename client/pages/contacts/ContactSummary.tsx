// One person in a list (all contacts or search hits): name, company and role, tags, last touch.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ContactView } from '../../api/contacts';
import { formatRelativeTime } from '../../contacts/format';

/** Shows one contact as a list row linking to their page. */
export function ContactSummary({
  contact,
  now,
  testId,
}: {
  contact: ContactView;
  now: number;
  testId?: string;
}) {
  const { t, i18n } = useTranslation('contacts');
  const work = [contact.role, contact.companyName].filter(Boolean).join(' · ');
  return (
    <li className="card contact-row" data-testid={testId}>
      <div className="contact-row-main">
        <Link href={`/contacts/${contact.id}`} className="contact-name" data-testid="contact-name">
          {contact.name}
        </Link>
        {work && <span className="muted">{work}</span>}
      </div>
      {contact.tags.length > 0 && (
        <ul className="tag-list" aria-label={t('context.tags')}>
          {contact.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
      <span className="muted contact-row-touch">
        {contact.lastTouchAt === null
          ? t('list.neverTouched')
          : t('list.lastTouch', {
              when: formatRelativeTime(contact.lastTouchAt, now, i18n.language),
            })}
      </span>
    </li>
  );
}
