// A booking page's content that could not be loaded: what happened and a button to try again.
import { useTranslation } from 'react-i18next';

/** The card shown instead of a page whose data failed to load. */
export function LoadFailedCard({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useTranslation('booking');
  return (
    <div className="card stack booking-card" role="alert">
      <p>{message}</p>
      <div className="row">
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      </div>
    </div>
  );
}
