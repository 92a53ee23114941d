// The end of a booking: when (in both zones), where the invitation went, the personal lounge
// link, and the link to change or cancel.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookedView } from '../../api/booking';
import { ChosenTime } from '../../components/ChosenTime';

/** Props of BookingConfirmation. */
export interface BookingConfirmationProps {
  booked: BookedView;
  email: string;
  /** The zone the guest chose for the booking. */
  zone: string;
  headingRef: Ref<HTMLHeadingElement>;
}

/** Says that the meeting is booked and what comes next. */
export function BookingConfirmation({ booked, email, zone, headingRef }: BookingConfirmationProps) {
  const { t } = useTranslation('booking');
  const { booking } = booked;
  return (
    <section
      className="card stack booking-confirmed"
      aria-labelledby="booking-confirmed-heading"
      data-testid="booking-confirmed"
    >
      <h1 id="booking-confirmed-heading" ref={headingRef} tabIndex={-1}>
        {t('confirmed.heading')}
      </h1>
      <p className="lead">
        {t('confirmed.with', { type: booking.meetingType.name, name: booking.seller.name })}
      </p>
      <ChosenTime
        slot={booking}
        zone={zone}
        sellerZone={booking.seller.timeZone}
        testId="booking-confirmed-time"
      />
      <p data-testid="booking-confirmed-email">{t('confirmed.invitation', { email })}</p>
      {booking.loungeUrl && (
        <div className="stack booking-lounge">
          <a className="button primary" href={booking.loungeUrl} data-testid="booking-lounge-link">
            {t('confirmed.lounge')}
          </a>
          <span className="muted">{t('confirmed.loungeHint')}</span>
        </div>
      )}
      <p>
        <a href={booked.manageUrl} data-testid="booking-manage-link">
          {t('confirmed.manage')}
        </a>{' '}
        <span className="muted">{t('confirmed.manageHint')}</span>
      </p>
    </section>
  );
}
