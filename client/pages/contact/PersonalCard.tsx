// What matters to the person, shown first and large: family, interests, home office, birthday,
// and how they like to be reached.
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../api/contacts';
import { formatBirthday } from '../../contacts/format';

/** The personal context of a contact, or a gentle prompt when none is noted yet. */
export function PersonalCard({ contact }: { contact: ContactView }) {
  const { t, i18n } = useTranslation('contacts');
  const items = [
    { key: 'family', label: t('context.family'), value: contact.family },
    { key: 'interests', label: t('context.interests'), value: contact.interests },
    { key: 'homeOffice', label: t('context.homeOffice'), value: contact.homeOffice },
    {
      key: 'birthday',
      label: t('context.birthday'),
      value: contact.birthday ? formatBirthday(contact.birthday, i18n.language) : null,
    },
    {
      key: 'preferredChannel',
      label: t('context.preferredChannel'),
      value: contact.preferredChannel ? t(`channels.${contact.preferredChannel}`) : null,
    },
  ].filter((item) => item.value);
  return (
    <section className="card stack section-card personal-card" aria-labelledby="personal-title">
      <h2 id="personal-title">{t('detail.personal')}</h2>
      {items.length === 0 && <p className="muted">{t('detail.noPersonal')}</p>}
      {items.length > 0 && (
        <dl className="facts">
          {items.map((item) => (
            <div key={item.key}>
              <dt>{item.label}</dt>
              <dd>{item.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
