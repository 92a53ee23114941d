// Moving a booking: the same slot picker as the booking page, then one button to move.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rescheduleManagedBooking } from '../../api/booking';
import type { ManagedBookingView, SlotView } from '../../api/booking';
import { bookingProblem, needsNewSlot, needsReload } from '../../booking/errors';
import type { BookingProblem } from '../../booking/errors';
import { formatTimeIn } from '../../booking/format';
import { useBookingPage } from '../../booking/useBookingPage';
import { ChosenTime } from '../../components/ChosenTime';
import { SlotPicker } from '../../components/SlotPicker';

/** Props of Reschedule. */
export interface RescheduleProps {
  token: string;
  booking: ManagedBookingView;
  zone: string;
  onZoneChange: (zone: string) => void;
  onMoved: (booking: ManagedBookingView) => void;
  /** The booking changed elsewhere (cancelled, too late): load it again. */
  onStale: (problem: BookingProblem) => void;
  onBack: () => void;
}

/** Picks a new slot of the booking's meeting type and moves the booking there. */
export function Reschedule({
  token,
  booking,
  zone,
  onZoneChange,
  onMoved,
  onStale,
  onBack,
}: RescheduleProps) {
  const { t, i18n } = useTranslation('booking');
  // The page tells how far ahead the type can be booked, and whether it is still offered.
  const { load } = useBookingPage(booking.seller.handle);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<BookingProblem | null>(null);
  const [refresh, setRefresh] = useState(0);
  const pickerHeading = useRef<HTMLHeadingElement>(null);
  const moveButton = useRef<HTMLButtonElement>(null);

  if (load.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('picker.loading')}
      </p>
    );
  }
  const type =
    load.status === 'ready'
      ? load.page.meetingTypes.find((candidate) => candidate.slug === booking.meetingType.slug)
      : undefined;
  if (!type) {
    return (
      <div className="stack" role="alert">
        <p className="notice">
          {load.status === 'error' ? t('problems.generic') : t('manage.typeGone')}
        </p>
        <div className="row">
          <button type="button" onClick={onBack}>
            {t('manage.rescheduleBack')}
          </button>
        </div>
      </div>
    );
  }

  const move = () => {
    if (!slot) return;
    setBusy(true);
    setProblem(null);
    rescheduleManagedBooking(token, slot.start).then(
      (moved) => {
        setBusy(false);
        onMoved(moved);
      },
      (error: unknown) => {
        setBusy(false);
        const found = bookingProblem(error);
        if (needsNewSlot(found)) {
          setProblem(found);
          setSlot(null);
          setRefresh((n) => n + 1);
          requestAnimationFrame(() => pickerHeading.current?.focus());
        } else if (needsReload(found)) {
          onStale(found);
        } else {
          setProblem(found);
        }
      },
    );
  };

  return (
    <div className="stack">
      {problem && (
        <p className="error" role="alert" data-testid="booking-problem">
          {t(`problems.${problem}`)}
        </p>
      )}
      <SlotPicker
        hidden={slot !== null}
        handle={booking.seller.handle}
        slug={type.slug}
        horizonDays={type.horizonDays}
        sellerName={booking.seller.name}
        sellerZone={booking.seller.timeZone}
        zone={zone}
        onZoneChange={onZoneChange}
        selected={slot?.start ?? null}
        onSelect={(picked) => {
          setSlot(picked);
          setProblem(null);
          requestAnimationFrame(() => moveButton.current?.focus());
        }}
        refresh={refresh}
        headingRef={pickerHeading}
        heading={t('manage.rescheduleHeading')}
      />
      {slot && (
        <section className="card stack" aria-labelledby="reschedule-chosen">
          <h2 id="reschedule-chosen">{t('manage.rescheduleChosen')}</h2>
          <ChosenTime
            slot={slot}
            zone={zone}
            sellerZone={booking.seller.timeZone}
            testId="booking-reschedule-time"
          />
          <div className="row">
            <button
              ref={moveButton}
              type="button"
              className="primary"
              disabled={busy}
              data-testid="booking-reschedule-submit"
              onClick={move}
            >
              {busy
                ? t('manage.rescheduling')
                : t('manage.rescheduleSubmit', {
                    time: formatTimeIn(slot.start, zone, i18n.language),
                  })}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setSlot(null);
                requestAnimationFrame(() => pickerHeading.current?.focus());
              }}
            >
              {t('when.change')}
            </button>
          </div>
        </section>
      )}
      <div className="row">
        <button
          type="button"
          disabled={busy}
          data-testid="booking-reschedule-back"
          onClick={onBack}
        >
          {t('manage.rescheduleBack')}
        </button>
      </div>
    </div>
  );
}
