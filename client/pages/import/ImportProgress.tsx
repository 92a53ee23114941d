// The progress bar of an import: how much of the file is up, then an indeterminate bar while
// the server reads and stores the rows (it does not report progress of its own).
import { useTranslation } from 'react-i18next';

/** Shows upload progress (0 to 1), or null for "the server is working on it". */
export function ImportProgress({ progress }: { progress: number | null }) {
  const { t } = useTranslation('contacts');
  const percent = progress === null ? null : Math.round(progress * 100);
  const text = percent === null ? t('import.processing') : t('import.uploading', { percent });
  return (
    <div className="import-progress stack" role="status">
      <progress
        data-testid="import-progress"
        aria-label={t('import.progressLabel')}
        aria-valuetext={text}
        max={100}
        {...(percent === null ? {} : { value: percent })}
      />
      <span>{text}</span>
    </div>
  );
}
