// The seller's start page: a greeting, the personal lounge link to share, and a way in.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useRequiredUser } from '../../app/session';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useRooms } from '../../components/useRooms';

/** Picks the greeting for the hour of the day. */
function greetingKey(hour: number) {
  if (hour < 11) return 'home.greetingMorning' as const;
  if (hour < 18) return 'home.greetingDay' as const;
  return 'home.greetingEvening' as const;
}

/** The start page; anonymous visitors are sent to sign in. */
export default function HomePage() {
  const { t } = useTranslation('accounts');
  const user = useRequiredUser();
  const { rooms, error } = useRooms(user !== null);
  if (!user) return <LoadingNotice />;

  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  const personal = rooms?.find((room) => room.personal);
  const others = rooms?.filter((room) => !room.personal) ?? [];

  return (
    <Layout title={t(greetingKey(new Date().getHours()), { name: firstName })}>
      <div className="stack">
        <p className="lead">{t('home.intro')}</p>
        <ErrorMessage error={error} />
        {!rooms && !error && <LoadingNotice />}
        {personal && (
          <section className="card stack section-card home-lounge" aria-labelledby="personal-room">
            <h2 id="personal-room">{t('home.personalRoom')}</h2>
            <div className="link-row">
              <span className="muted">{t('home.roomLink')}</span>
              <code className="room-link">{personal.url}</code>
              <CopyButton text={personal.url} label={t('copyLink', { ns: 'common' })} />
            </div>
            <p>
              <Link href={`/r/${personal.handle}`} className="button primary big">
                {t('home.enter')}
              </Link>
            </p>
          </section>
        )}
        {rooms && (
          <section className="stack" aria-labelledby="my-rooms">
            <h2 id="my-rooms">{t('home.roomsTitle')}</h2>
            {others.length === 0 && <p className="muted">{t('home.noRooms')}</p>}
            {others.length > 0 && (
              <ul className="room-list">
                {others.map((room) => (
                  <li key={room.id} className="card row">
                    <strong className="room-name">{room.name}</strong>
                    <code className="room-link">{room.url}</code>
                    <CopyButton text={room.url} label={t('copyLink', { ns: 'common' })} />
                    <Link href={`/r/${room.handle}`} className="button">
                      {t('home.open')}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link href="/rooms">{t('home.manageRooms')}</Link>
            </p>
          </section>
        )}
      </div>
    </Layout>
  );
}
