// The slot picker of the booking and manage pages: the zone times are shown in, two weeks of days
// (earlier/later), and the free times of the chosen day, each also as the seller's clock shows it.
import { useState } from 'react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlotView } from '../api/booking';
import { formatDayLong, formatDayShort, formatOtherClock, formatTimeIn } from '../booking/format';
import {
  WINDOW_DAYS,
  firstDayWithSlots,
  hasEarlierWindow,
  hasLaterWindow,
  horizonEnd,
  previousWindowStart,
  slotKey,
} from '../booking/slots';
import { useSlots } from '../booking/useSlots';
import { addDays, browserTimeZone, dateKeyIn, zoneName } from '../booking/zones';
import type { DateKey } from '../booking/zones';
import { ZoneSelect } from './ZoneSelect';

/** Props of SlotPicker. */
export interface SlotPickerProps {
  handle: string;
  slug: string;
  horizonDays: number;
  sellerName: string;
  sellerZone: string;
  /** The zone times are shown in. */
  zone: string;
  onZoneChange: (zone: string) => void;
  /** The start of the chosen slot, if any. */
  selected: number | null;
  onSelect: (slot: SlotView) => void;
  /** Raise to load the slots again (after one was taken). */
  refresh: number;
  headingRef?: Ref<HTMLHeadingElement>;
  heading: string;
  /** Hides the picker but keeps its days and loaded slots (while the guest fills in the form). */
  hidden?: boolean;
}

/** Shows free slots by day and lets the guest pick one. */
export function SlotPicker({
  handle,
  slug,
  horizonDays,
  sellerName,
  sellerZone,
  zone,
  onZoneChange,
  selected,
  onSelect,
  refresh,
  headingRef,
  heading,
  hidden = false,
}: SlotPickerProps) {
  const { t, i18n } = useTranslation('booking');
  const language = i18n.language;
  // Fixed for the picker's life; whether a slot still holds is the server's call on booking.
  const [now] = useState(() => Date.now());
  const [own] = useState(browserTimeZone);
  const today = dateKeyIn(now, zone);
  const [asked, setAsked] = useState<{ first: DateKey; paged: boolean } | null>(null);
  const [chosenDay, setChosenDay] = useState<DateKey | null>(null);
  const end = horizonEnd(now, sellerZone, horizonDays);
  // Another zone may have another today; never start before it.
  const first = asked && asked.first > today ? asked.first : today;
  const { window, byDay, error, reload } = useSlots({
    handle,
    slug,
    zone,
    first,
    end,
    skipEmpty: !asked?.paged,
    refresh,
  });
  const shownFirst = window.days[0] ?? first;
  const day =
    byDay && chosenDay && (byDay.get(chosenDay)?.length ?? 0) > 0
      ? chosenDay
      : byDay
        ? firstDayWithSlots(window.days, byDay)
        : null;
  const daySlots = (day && byDay?.get(day)) || [];
  const later = hasLaterWindow(shownFirst, zone, end);
  const earlier = hasEarlierWindow(shownFirst, today);
  const page = (target: DateKey) => {
    setAsked({ first: target, paged: true });
    setChosenDay(null);
  };

  return (
    <section
      className="card stack slot-picker"
      aria-labelledby="slot-picker-heading"
      hidden={hidden}
    >
      <h2 id="slot-picker-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <ZoneSelect
        label={t('picker.zone')}
        value={zone}
        own={own}
        other={sellerZone}
        groups={{ suggested: t('picker.zoneSuggested'), all: t('picker.zoneAll') }}
        at={now}
        onChange={onZoneChange}
        testId="booking-zone"
        hint={t('picker.sellerZone', { name: sellerName, zone: zoneName(sellerZone) })}
      />

      <div className="row slot-days-nav">
        <button
          type="button"
          disabled={!earlier}
          data-testid="booking-days-prev"
          onClick={() => page(previousWindowStart(shownFirst, today))}
        >
          ← {t('picker.earlier')}
        </button>
        <button
          type="button"
          disabled={!later}
          data-testid="booking-days-next"
          onClick={() => page(addDays(shownFirst, WINDOW_DAYS))}
        >
          {t('picker.later')} →
        </button>
      </div>

      {error !== null && (
        <div className="row" role="alert">
          <p className="error">{t('picker.loadFailed')}</p>
          <button type="button" onClick={reload}>
            {t('retry')}
          </button>
        </div>
      )}
      {!byDay && error === null && (
        <p className="muted" role="status">
          {t('picker.loading')}
        </p>
      )}

      {byDay && (
        <ul className="slot-days" aria-label={t('picker.days')} data-testid="booking-days">
          {window.days.map((key) => {
            const count = byDay.get(key)?.length ?? 0;
            const label = formatDayShort(key, language);
            return (
              <li key={key}>
                <button
                  type="button"
                  className="slot-day"
                  disabled={count === 0}
                  aria-pressed={key === day}
                  aria-label={
                    count > 0
                      ? t('picker.dayLabel', { day: formatDayLong(key, language), count })
                      : t('picker.dayLabelNone', { day: formatDayLong(key, language) })
                  }
                  data-testid={`booking-day-${key}`}
                  onClick={() => setChosenDay(key)}
                >
                  <span className="slot-day-name">{label}</span>
                  <span className="slot-day-count">
                    {count > 0 ? t('picker.dayFree', { count }) : t('picker.dayNone')}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}

      {byDay && !day && (
        <div className="stack" role="status">
          <p className="muted">{later ? t('picker.noDays') : t('picker.noneLeft')}</p>
          {later && (
            <div className="row">
              <button type="button" onClick={() => page(addDays(shownFirst, WINDOW_DAYS))}>
                {t('picker.showLater')}
              </button>
            </div>
          )}
        </div>
      )}

      {day && daySlots.length > 0 && (
        <div className="stack">
          <h3 id="slot-times-heading">
            {t('picker.times', { day: formatDayLong(day, language) })}
          </h3>
          <ul className="slot-times" aria-labelledby="slot-times-heading">
            {daySlots.map((slot) => {
              const time = formatTimeIn(slot.start, zone, language);
              const other = formatOtherClock(slot.start, zone, sellerZone, language);
              return (
                <li key={slot.start}>
                  <button
                    type="button"
                    className="slot-time"
                    aria-pressed={slot.start === selected}
                    aria-label={
                      other
                        ? t('picker.slotLabelOther', { time, other, zone: zoneName(sellerZone) })
                        : t('picker.slotLabel', { time })
                    }
                    data-testid={`booking-slot-${slotKey(slot)}`}
                    onClick={() => onSelect(slot)}
                  >
                    <span className="slot-time-own">{time}</span>
                    {other && (
                      <span className="slot-time-other">
                        {t('picker.otherClock', { time: other, zone: zoneName(sellerZone) })}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
