// Turns any thrown error into a sentence the user understands, from the API's stable error codes.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';

/** Page-specific sentences for API error codes, e.g. `{ handle_taken: t('…') }`. */
export type ErrorTexts = Partial<Record<string, string>>;

/** The sentence for an error: the page's own text for its code, else a common one. */
export function describeError(error: unknown, t: TFunction, texts: ErrorTexts = {}): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  const own = texts[error.code];
  if (own) return own;
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'rate_limited':
      return t('errors.rateLimited');
    case 'csrf':
      return t('errors.csrf');
    case 'unauthorized':
      return t('errors.unauthorized');
    case 'forbidden':
      return t('errors.forbidden');
    case 'invalid':
    case 'bad_request':
      return t('errors.invalid');
    default:
      return error.status === 404 ? t('errors.notFoundText') : t('errors.generic');
  }
}

/** Shows an error as an alert (announced at once), or nothing when there is none. */
export function ErrorMessage({ error, texts }: { error: unknown; texts?: ErrorTexts }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p className="error" role="alert">
      {describeError(error, t, texts)}
    </p>
  );
}
