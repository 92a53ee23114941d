// The quiet "loading…" line shown while a page fetches its data.
import { useTranslation } from 'react-i18next';

/** Announces that something is loading. */
export function LoadingNotice() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('loading')}
    </p>
  );
}
