// The outcome of an import: how many people were created and updated, and every row that was
// not imported with its line and why, so nothing is lost silently.
import { useTranslation } from 'react-i18next';
import type { ImportResultView } from '../../api/contacts';
import { describeImportError, describeTarget } from '../../contacts/imports';

/** Shows the counts and the list of rejected rows. */
export function ImportResult({ result }: { result: ImportResultView }) {
  const { t } = useTranslation('contacts');
  const errors = [...result.errors].sort((a, b) => a.line - b.line);
  // A row can fail for several reasons; the heading counts rows, the list shows every reason.
  const failedRows = new Set(errors.map((error) => error.line)).size;
  return (
    <section
      className="card stack section-card"
      aria-labelledby="import-result"
      data-testid="import-result"
    >
      <h2 id="import-result" tabIndex={-1}>
        {t('import.resultTitle')}
      </h2>
      <p className="lead">
        <span data-testid="import-created">{t('import.created', { count: result.created })}</span>
        {' · '}
        <span data-testid="import-updated">{t('import.updated', { count: result.updated })}</span>
      </p>
      {errors.length === 0 ? (
        <p className="ok">{t('import.noErrors')}</p>
      ) : (
        <>
          <h3>{t('import.errorsTitle', { count: failedRows })}</h3>
          <ul className="import-errors">
            {errors.map((error, index) => (
              <li key={`${error.line}-${index}`} data-testid="import-error">
                <strong>{t('import.errorLine', { line: error.line })}:</strong>{' '}
                {describeImportError(error, t)}
                {error.field && (
                  <> ({t('import.errorField', { field: describeTarget(error.field, t) })})</>
                )}
                {error.detail && <span className="muted"> – {error.detail}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
