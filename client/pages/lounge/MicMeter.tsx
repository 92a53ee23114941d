// The microphone level meter of the pre-join page.
import { useTranslation } from 'react-i18next';
import { useMicLevel } from './hooks';

/** Shows how loud the microphone is, as an accessible meter. */
export function MicMeter({ track }: { track: MediaStreamTrack | null }) {
  const { t } = useTranslation('lounge');
  const level = useMicLevel(track);
  return (
    <div
      className="mic-meter"
      data-testid="prejoin-meter"
      role="meter"
      aria-label={t('prejoin.meter')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={level}
    >
      <div className="mic-meter-bar" style={{ width: `${level}%` }} />
    </div>
  );
}
