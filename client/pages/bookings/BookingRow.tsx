// One booking on the seller's list: time in the seller's zone (and the guest's when it differs),
// the guest, the meeting type, what they wrote, the lounge link, and cancelling.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BookingView } from '../../api/booking';
import { formatOtherClock, formatRangeIn } from '../../booking/format';
import { zoneName } from '../../booking/zones';

/** Props of BookingRow. */
export interface BookingRowProps {
  booking: BookingView;
  /** The zone the seller reads times in. */
  zone: string;
  /** Whose list it is; bookings of other sellers (the owner sees all) name their seller. */
  viewerId: string;
  busy: boolean;
  onCancel: (booking: BookingView) => void;
}

/** A booking in the list. */
export function BookingRow({ booking, zone, viewerId, busy, onCancel }: BookingRowProps) {
  const { t, i18n } = useTranslation('bookingSeller');
  const language = i18n.language;
  const cancelled = booking.status === 'cancelled';
  const guestClock = formatOtherClock(booking.start, zone, booking.guest.timeZone, language);
  return (
    <li
      className={cancelled ? 'card stack booking-row cancelled' : 'card stack booking-row'}
      data-testid="booking-row"
      data-booking-id={booking.id}
    >
      <div className="booking-row-head">
        <span className="booking-row-time" data-testid="booking-row-time">
          {formatRangeIn(booking, zone, language)}
        </span>
        <strong className="booking-row-guest" data-testid="booking-row-guest">
          {booking.guest.name}
        </strong>
        {booking.guest.company && <span>{booking.guest.company}</span>}
        <span className="tag">{booking.meetingType.name}</span>
        {cancelled && (
          <span className="tag tag-cancelled">
            {booking.cancelledBy
              ? t(`bookings.cancelledBy.${booking.cancelledBy}`)
              : t('bookings.cancelledTag')}
          </span>
        )}
      </div>
      <div className="row muted booking-row-meta">
        <a href={`mailto:${booking.guest.email}`}>{booking.guest.email}</a>
        {booking.guest.phone && <a href={`tel:${booking.guest.phone}`}>{booking.guest.phone}</a>}
        {guestClock && (
          <span>
            {t('bookings.guestTime', {
              time: guestClock,
              zone: zoneName(booking.guest.timeZone),
            })}
          </span>
        )}
        {booking.seller.id !== viewerId && (
          <span>{t('bookings.seller', { name: booking.seller.name })}</span>
        )}
      </div>
      {(booking.message || booking.answers.length > 0) && (
        <details>
          <summary>{t('bookings.details')}</summary>
          <dl className="booking-answers">
            {booking.message && (
              <>
                <dt>{t('bookings.message')}</dt>
                <dd className="pre-wrap">{booking.message}</dd>
              </>
            )}
            {booking.answers.map((answer) => (
              <div key={answer.questionId}>
                <dt>{answer.label}</dt>
                <dd className="pre-wrap">{answer.answer}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {!cancelled && (
        <div className="row">
          {booking.loungeUrl && (
            // The guest's link without its personal token: the seller enters as the host.
            <a className="button" href={booking.loungeUrl.replace(/\?.*$/, '')}>
              {t('bookings.lounge')}
            </a>
          )}
          {booking.contactId && (
            <Link className="button" href={`/contacts/${booking.contactId}`}>
              {t('bookings.contact')}
            </Link>
          )}
          <button
            type="button"
            className="danger"
            disabled={busy}
            aria-label={t('bookings.cancelFor', { name: booking.guest.name })}
            data-testid="booking-row-cancel"
            onClick={() => onCancel(booking)}
          >
            {t('bookings.cancel')}
          </button>
        </div>
      )}
    </li>
  );
}
