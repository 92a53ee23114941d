// The seller's start page: a greeting, the calm daily list of whom to reach today and why, and
// the personal lounge. Shown at / and /today; anonymous visitors are sent to sign in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnoozeDays, TodayEntryView } from '../../api/contacts';
import { useRequiredUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useToday } from '../../contacts/useToday';
import { LoungeCard } from './LoungeCard';
import { TodayEntry } from './TodayEntry';
import '../../styles/contacts.css';

/** Picks the greeting for the hour of the day. */
function greetingKey(hour: number) {
  if (hour < 11) return 'home.greetingMorning' as const;
  if (hour < 18) return 'home.greetingDay' as const;
  return 'home.greetingEvening' as const;
}

/** The Today page. */
export default function TodayPage() {
  const { t } = useTranslation('contacts');
  const { t: ta } = useTranslation('accounts');
  const user = useRequiredUser();
  const { today, error, reload } = useToday(user !== null);
  const [notice, setNotice] = useState('');
  // The clock the reasons are read against; refreshed with every load of the list.
  const [now, setNow] = useState(() => Date.now());
  if (!user) return <LoadingNotice />;

  const refresh = async (message: string) => {
    setNotice(message);
    await reload();
    setNow(Date.now());
  };
  const onLogged = (entry: TodayEntryView) =>
    refresh(t('today.logged', { name: entry.contact.name }));
  const onSnoozed = (entry: TodayEntryView, days: SnoozeDays) =>
    refresh(t(days === 1 ? 'today.snoozedDay' : 'today.snoozedWeek', { name: entry.contact.name }));

  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  const more = today ? Math.max(0, today.total - today.entries.length) : 0;

  return (
    <Layout title={ta(greetingKey(new Date().getHours()), { name: firstName })}>
      <div className="stack">
        <p className="lead">{t('today.intro')}</p>
        <p className="visually-hidden" role="status">
          {notice}
        </p>
        <ErrorMessage error={error} />
        {!today && !error && <LoadingNotice />}
        {today && today.entries.length === 0 && (
          <div className="card today-empty" data-testid="today-empty">
            <h2>{t('today.empty')}</h2>
            <p className="muted">{t('today.emptyHint')}</p>
          </div>
        )}
        {today && today.entries.length > 0 && (
          <ul className="today-list" aria-label={t('today.listLabel')}>
            {today.entries.map((entry) => (
              <TodayEntry
                key={entry.contact.id}
                entry={entry}
                now={now}
                onLogged={onLogged}
                onSnoozed={onSnoozed}
              />
            ))}
          </ul>
        )}
        {more > 0 && (
          <p className="muted today-more" data-testid="today-more">
            <strong>{t('today.more', { count: more })}</strong> {t('today.moreHint')}
          </p>
        )}
        <LoungeCard />
      </div>
    </Layout>
  );
}
