// A booked or chosen time in words: the guest's date and time, and the seller's clock when it differs.
import { useTranslation } from 'react-i18next';
import type { SlotView } from '../api/booking';
import { formatDateIn, formatRangeIn } from '../booking/format';
import { dateKeyIn, zoneName } from '../booking/zones';

/** Props of ChosenTime. */
export interface ChosenTimeProps {
  slot: SlotView;
  zone: string;
  sellerZone: string;
  testId?: string;
}

/**
 * "Tuesday, December 1, 2026, 09:00–09:30 your time (America/New York)" and, when the seller's
 * clock differs, "That is Tuesday, December 1, 2026, 15:00–15:30 in Europe/Berlin."
 */
export function ChosenTime({ slot, zone, sellerZone, testId }: ChosenTimeProps) {
  const { t, i18n } = useTranslation('booking');
  const language = i18n.language;
  const own = formatRangeIn(slot, zone, language);
  const seller = formatRangeIn(slot, sellerZone, language);
  const sameClock =
    own === seller && dateKeyIn(slot.start, zone) === dateKeyIn(slot.start, sellerZone);
  return (
    <div className="chosen-time">
      <p className="chosen-time-own" data-testid={testId}>
        {t('when.time', {
          date: formatDateIn(slot.start, zone, language),
          time: own,
          zone: zoneName(zone),
        })}
      </p>
      {!sameClock && (
        <p className="muted" data-testid={testId ? `${testId}-seller` : undefined}>
          {t('when.sellerTime', {
            date: formatDateIn(slot.start, sellerZone, language),
            time: seller,
            zone: zoneName(sellerZone),
          })}
        </p>
      )}
    </div>
  );
}
