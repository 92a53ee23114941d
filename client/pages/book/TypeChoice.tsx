// The meeting types of a booking page as big buttons: name and duration; the chosen one pressed.
import { useTranslation } from 'react-i18next';
import type { PublicMeetingTypeView } from '../../api/booking';

/** Props of TypeChoice. */
export interface TypeChoiceProps {
  types: readonly PublicMeetingTypeView[];
  chosen: string | null;
  onChoose: (slug: string) => void;
}

/** Lets the guest pick what the meeting is about. */
export function TypeChoice({ types, chosen, onChoose }: TypeChoiceProps) {
  const { t } = useTranslation('booking');
  return (
    <section className="card stack" aria-labelledby="booking-type-heading">
      <h2 id="booking-type-heading">{t('page.typeLegend')}</h2>
      <ul className="plain-list booking-types">
        {types.map((type) => (
          <li key={type.slug}>
            <button
              type="button"
              className="booking-type"
              aria-pressed={type.slug === chosen}
              data-testid={`booking-type-${type.slug}`}
              onClick={() => onChoose(type.slug)}
            >
              <span className="booking-type-name">{type.name}</span>
              <span className="booking-type-duration">
                {t('page.typeDuration', { count: type.durationMinutes })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
