// The seller's own lounge on the start page: the link to share and the way in.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useRooms } from '../../components/useRooms';

/** Shows the personal lounge's link with copy and enter buttons, once the rooms are loaded. */
export function LoungeCard() {
  const { t } = useTranslation('accounts');
  const { rooms, error } = useRooms(true);
  const personal = rooms?.find((room) => room.personal);
  if (error) return <ErrorMessage error={error} />;
  if (!personal) return null;
  return (
    <section className="card stack section-card home-lounge" aria-labelledby="personal-room">
      <h2 id="personal-room">{t('home.personalRoom')}</h2>
      <div className="link-row">
        <span className="muted">{t('home.roomLink')}</span>
        <code className="room-link">{personal.url}</code>
        <CopyButton text={personal.url} label={t('copyLink', { ns: 'common' })} />
      </div>
      <div className="row">
        <Link href={`/r/${personal.handle}`} className="button primary">
          {t('home.enter')}
        </Link>
        <Link href="/rooms">{t('home.manageRooms')}</Link>
      </div>
    </section>
  );
}
