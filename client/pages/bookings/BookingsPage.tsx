// The seller's bookings at /booking: upcoming meetings by day in the seller's zone, the guest,
// the type, and cancelling one after a confirm step.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BookingView } from '../../api/booking';
import { useRequiredUser } from '../../app/session';
import { formatDateTimeIn, formatDayLong } from '../../booking/format';
import { groupSlotsByDay } from '../../booking/slots';
import { useBookings } from '../../booking/useBookings';
import { browserTimeZone, zoneName } from '../../booking/zones';
import { BookingNav } from '../../components/BookingNav';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useAction } from '../../contacts/useAction';
import { BookingRow } from './BookingRow';
import '../../styles/booking.css';

/** The bookings page; anonymous visitors are sent to sign in. */
export default function BookingsPage() {
  const { t, i18n } = useTranslation('bookingSeller');
  const user = useRequiredUser();
  const { bookings, settings, error, cancel } = useBookings(user !== null);
  const { busy, error: actionError, run } = useAction();
  const [showCancelled, setShowCancelled] = useState(false);
  const [asking, setAsking] = useState<BookingView | null>(null);
  const [notice, setNotice] = useState('');
  const listHeading = useRef<HTMLHeadingElement>(null);
  if (!user) return <LoadingNotice />;

  const language = i18n.language;
  // Before the first save the server's default zone is no one's choice: use the browser's.
  const zone = settings?.saved ? settings.timeZone : browserTimeZone();
  const shown = bookings?.filter((b) => showCancelled || b.status === 'confirmed') ?? null;
  const byDay = shown ? [...groupSlotsByDay(shown, zone)] : null;

  const confirmCancel = () => {
    const booking = asking;
    if (!booking) return;
    setNotice('');
    void run(async () => {
      await cancel(booking.id);
    }).then((done) => {
      setAsking(null);
      if (!done) return;
      setNotice(t('bookings.cancelled', { name: booking.guest.name }));
      // The row's buttons are gone: continue at the list.
      requestAnimationFrame(() => listHeading.current?.focus());
    });
  };

  return (
    <Layout title={t('bookings.title')}>
      <div className="stack booking-seller-page">
        <BookingNav />
        <p className="lead">{t('bookings.intro', { zone: zoneName(zone) })}</p>
        {settings && !settings.saved && (
          <p className="notice" data-testid="booking-not-open">
            {t('bookings.notOpen')} <Link href="/booking/settings">{t('bookings.setUp')}</Link>
          </p>
        )}
        <p
          className={notice ? 'ok' : 'visually-hidden'}
          role="status"
          data-testid="bookings-notice"
        >
          {notice}
        </p>
        <ErrorMessage error={error} />
        <ErrorMessage error={actionError} />
        {!bookings && !error && <LoadingNotice />}
        {byDay && settings && (
          <section className="stack" aria-labelledby="bookings-list-heading">
            <div className="row booking-list-head">
              <h2 id="bookings-list-heading" ref={listHeading} tabIndex={-1} className="grow">
                {t('bookings.list')}
              </h2>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={showCancelled}
                  data-testid="bookings-show-cancelled"
                  onChange={(e) => setShowCancelled(e.target.checked)}
                />
                {t('bookings.showCancelled')}
              </label>
            </div>
            {byDay.length === 0 && (
              <div className="card stack" data-testid="bookings-empty">
                <p>{t('bookings.empty')}</p>
                {settings.saved && (
                  <>
                    <p className="muted">{t('bookings.emptyShare')}</p>
                    <div className="link-row">
                      <code className="room-link">{settings.pageUrl}</code>
                      <CopyButton text={settings.pageUrl} label={t('settings.pageLink')} />
                    </div>
                  </>
                )}
              </div>
            )}
            {byDay.map(([day, list]) => (
              <section key={day} className="stack" aria-labelledby={`bookings-day-${day}`}>
                <h3 id={`bookings-day-${day}`}>{formatDayLong(day, language)}</h3>
                <ul className="plain-list" data-testid="bookings-list">
                  {list.map((booking) => (
                    <BookingRow
                      key={booking.id}
                      booking={booking}
                      zone={zone}
                      viewerId={user.id}
                      busy={busy}
                      onCancel={setAsking}
                    />
                  ))}
                </ul>
              </section>
            ))}
          </section>
        )}
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={t('bookings.cancelTitle')}
        text={
          asking
            ? t('bookings.cancelText', {
                name: asking.guest.name,
                time: formatDateTimeIn(asking.start, zone, language),
              })
            : ''
        }
        confirmLabel={t('bookings.cancelConfirm')}
        cancelLabel={t('bookings.cancelKeep')}
        busy={busy}
        onConfirm={confirmCancel}
        onCancel={() => setAsking(null)}
        confirmTestId="booking-row-cancel-confirm"
      />
    </Layout>
  );
}
