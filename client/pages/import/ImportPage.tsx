// The import page: pick a .csv or .vcf file; for CSV check the preview and the column mapping;
// import with a progress bar; then see what was created, updated and not imported.
import { useEffect, useId, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useRequiredUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { ApiError } from '../../api/http';
import { mappingProblems } from '../../contacts/imports';
import { useImport } from '../../contacts/useImport';
import { CsvMapping } from './CsvMapping';
import { ImportProgress } from './ImportProgress';
import { ImportResult } from './ImportResult';
import '../../styles/contacts.css';

// Sentences for the errors that reject a whole file (row errors are listed in the result).
function fileErrorTexts(t: TFunction<'contacts'>) {
  return {
    not_text: t('import.notText'),
    empty_file: t('import.emptyFile'),
    too_many_columns: t('import.tooManyColumns'),
    invalid_mapping: t('import.invalidMapping'),
    mapping_without_name: t('import.needsName'),
  };
}

/** The import page; anonymous visitors are sent to sign in. */
export default function ImportPage() {
  const { t } = useTranslation('contacts');
  const user = useRequiredUser();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const { state, error, chooseFile, setTarget, start, reset } = useImport();
  const step = state.step;

  // The result replaces the form: move focus to it so screen readers read it out.
  useEffect(() => {
    if (step === 'done') document.getElementById('import-result')?.focus();
  }, [step]);

  if (!user) return <LoadingNotice />;

  const startOver = () => {
    reset();
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  };
  const problems = state.step === 'ready' && state.preview ? mappingProblems(state.mapping) : null;
  const blocked = problems !== null && (problems.missingName || problems.duplicates.size > 0);

  return (
    <Layout title={t('import.title')}>
      <div className="stack import-page">
        <p>
          <Link href="/contacts">← {t('detail.back')}</Link>
        </p>
        <p className="lead">{t('import.intro')}</p>
        <div className="field">
          <label htmlFor={fileId}>{t('import.file')}</label>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            accept=".csv,.vcf,.vcard,text/csv,text/vcard"
            data-testid="import-file"
            disabled={step === 'importing'}
            onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
          />
        </div>
        {state.step === 'unsupported' && (
          <p className="error" role="alert">
            {t('import.unsupported')}
          </p>
        )}
        {state.step === 'previewing' && (
          <div className="import-progress stack" role="status">
            <progress aria-label={t('import.previewing')} />
            <span>{t('import.previewing')}</span>
          </div>
        )}
        {state.step === 'ready' && state.preview && (
          <CsvMapping
            preview={state.preview}
            mapping={state.mapping}
            problems={problems ?? mappingProblems(state.mapping)}
            disabled={false}
            onChange={setTarget}
          />
        )}
        {state.step === 'ready' && state.kind === 'vcard' && (
          <p>{t('import.vcardReady', { name: state.file.name })}</p>
        )}
        {error instanceof ApiError && error.status === 413 ? (
          <p className="error" role="alert">
            {t('import.tooLarge')}
          </p>
        ) : (
          <ErrorMessage error={error} texts={fileErrorTexts(t)} />
        )}
        {state.step === 'ready' && (
          <p>
            <button
              type="button"
              className="primary"
              disabled={blocked}
              data-testid="import-submit"
              onClick={start}
            >
              {t('import.submit')}
            </button>
          </p>
        )}
        {state.step === 'importing' && (
          <ImportProgress progress={state.progress} stored={state.stored} />
        )}
        {state.step === 'done' && (
          <>
            <ImportResult result={state.result} />
            <div className="row">
              <Link href="/contacts" className="button primary">
                {t('import.toContacts')}
              </Link>
              <button type="button" onClick={startOver}>
                {t('import.another')}
              </button>
            </div>
          </>
        )}
      </div>
    </Layout>
  );
}
