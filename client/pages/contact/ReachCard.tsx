// How to reach the person: phones to call, e-mail addresses, their time zone and best times,
// the cadence, and the personal lounge link.
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../api/contacts';
import { LoungeInvite } from '../../components/LoungeInvite';
import { formatReachWindows } from '../../contacts/format';
import { formatPhone, telHref } from '../../contacts/phone';

/** Phones, e-mails, reach times and the lounge invitation of a contact. */
export function ReachCard({ contact }: { contact: ContactView }) {
  const { t, i18n } = useTranslation('contacts');
  const address = contact.address
    ? [
        contact.address.street,
        [contact.address.postalCode, contact.address.city].filter(Boolean).join(' '),
        contact.address.country,
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  return (
    <section className="card stack section-card" aria-labelledby="reach-title">
      <h2 id="reach-title">{t('detail.reach')}</h2>
      {(contact.phones.length > 0 || contact.emails.length > 0) && (
        <ul className="reach-list">
          {contact.phones.map((phone) => (
            <li key={phone}>
              <a href={telHref(phone)} className="button">
                {t('actions.call', { number: formatPhone(phone) })}
              </a>
            </li>
          ))}
          {contact.emails.map((email) => (
            <li key={email}>
              <a href={`mailto:${email}`}>{email}</a>
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        {contact.bestReach.length > 0 && (
          <div>
            <dt>{t('context.bestReach')}</dt>
            <dd>{formatReachWindows(contact.bestReach, i18n.language)}</dd>
          </div>
        )}
        {contact.timeZone && (
          <div>
            <dt>{t('context.timeZone')}</dt>
            <dd>{contact.timeZone}</dd>
          </div>
        )}
        <div>
          <dt>{t('context.cadence')}</dt>
          <dd>
            {contact.cadenceDays === null
              ? t('context.cadenceDefault')
              : t('context.cadenceDays', { count: contact.cadenceDays })}
          </dd>
        </div>
        {address && (
          <div>
            <dt>{t('context.address')}</dt>
            <dd>{address}</dd>
          </div>
        )}
      </dl>
      <div className="stack">
        <h3>{t('detail.personalLinkTitle')}</h3>
        <p className="muted">{t('detail.personalLinkHint')}</p>
        <LoungeInvite
          contactId={contact.id}
          contactName={contact.name}
          email={contact.emails[0] ?? null}
          copyTestId="personal-link"
        />
      </div>
    </section>
  );
}
