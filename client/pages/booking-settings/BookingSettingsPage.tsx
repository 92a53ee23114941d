// The seller's booking setup at /booking/settings: the public link, when they can be booked, and
// what customers can book (meeting types).
import { useTranslation } from 'react-i18next';
import { useRequiredUser } from '../../app/session';
import { useBookingSetup } from '../../booking/useBookingSetup';
import { BookingNav } from '../../components/BookingNav';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { AvailabilityForm } from './AvailabilityForm';
import { MeetingTypesSection } from './MeetingTypesSection';
import '../../styles/booking.css';

/** The booking settings page; anonymous visitors are sent to sign in. */
export default function BookingSettingsPage() {
  const { t } = useTranslation('bookingSeller');
  const user = useRequiredUser();
  const { settings, types, error, saveSettings, saveType, removeType } = useBookingSetup(
    user !== null,
  );
  if (!user) return <LoadingNotice />;

  return (
    <Layout title={t('settings.title')}>
      <div className="stack booking-seller-page">
        <BookingNav />
        <ErrorMessage error={error} />
        {!settings && !error && <LoadingNotice />}
        {settings && types && (
          <>
            <section className="card stack" aria-labelledby="booking-link-heading">
              <h2 id="booking-link-heading">{t('settings.pageLink')}</h2>
              <p className="muted">{t('settings.pageLinkHint')}</p>
              <div className="link-row">
                <code className="room-link" data-testid="booking-page-link">
                  {settings.pageUrl}
                </code>
                <CopyButton
                  text={settings.pageUrl}
                  label={t('copyLink', { ns: 'common' })}
                  testId="booking-page-copy"
                />
                {settings.saved && (
                  <a
                    className="button"
                    href={`/book/${encodeURIComponent(settings.handle)}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('settings.openPage')}
                  </a>
                )}
              </div>
              {!settings.saved && (
                <p className="notice" data-testid="booking-not-saved">
                  {t('settings.notSaved')}
                </p>
              )}
            </section>
            <AvailabilityForm settings={settings} onSave={saveSettings} />
            <MeetingTypesSection types={types} onSave={saveType} onRemove={removeType} />
          </>
        )}
      </div>
    </Layout>
  );
}
