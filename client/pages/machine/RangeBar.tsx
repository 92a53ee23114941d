// The range buttons of a machine page (10 min to 30 days), the note when the charts show the
// time around a marked moment, and whether live values flow.
import { useTranslation } from 'react-i18next';
import type { ChartRange } from '../../api/machines';
import type { LiveState } from '../../machines/live';
import { RANGE_OPTIONS } from '../../machines/range';
import type { ChartWindow } from '../../machines/range';
import { formatMoment } from '../../machines/time-axis';

/** Props of RangeBar. */
export interface RangeBarProps {
  window: ChartWindow;
  live: LiveState;
  onRange: (range: ChartRange) => void;
  /** Leaves the marked moment for the window ending now. */
  onNow: () => void;
}

/** Chooses the range; says what is shown and whether it is live. */
export function RangeBar({ window, live, onRange, onNow }: RangeBarProps) {
  const { t, i18n } = useTranslation('machines');
  const liveText = !window.live
    ? t('charts.pastWindow')
    : live === 'open'
      ? t('charts.liveOn')
      : live === 'reconnecting'
        ? t('charts.liveReconnecting')
        : t('charts.liveConnecting');
  return (
    <div className="stack range-bar">
      <div className="row">
        <div className="row range-buttons" role="group" aria-label={t('range.label')}>
          {RANGE_OPTIONS.map((range) => (
            <button
              key={range}
              type="button"
              aria-pressed={window.range === range}
              title={t(`range.long.${range}`)}
              data-testid={`range-${range}`}
              onClick={() => onRange(range)}
            >
              {t(`range.short.${range}`)}
            </button>
          ))}
        </div>
        <span
          className={window.live && live === 'open' ? 'live-state on' : 'live-state'}
          role="status"
          data-testid="live-state"
          data-state={window.live ? live : 'past'}
        >
          {liveText}
        </span>
      </div>
      {window.marker !== null && (
        <p className="notice row marker-note" data-testid="marker-note">
          <span>{t('marker.around', { time: formatMoment(window.marker, i18n.language) })}</span>
          <button type="button" data-testid="marker-clear" onClick={onNow}>
            {t('marker.backToNow')}
          </button>
        </p>
      )}
    </div>
  );
}
