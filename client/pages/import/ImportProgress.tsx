// The progress bar of an import: how much of the file is up, then how many of its rows the
// server has stored (an indeterminate bar until the server has counted them).
import { useTranslation } from 'react-i18next';
import type { ImportProgressView } from '../../api/contacts';
import { importProgressText } from '../../contacts/imports';

/** Shows upload progress (0 to 1), or with null the rows the server has stored so far. */
export function ImportProgress({
  progress,
  stored,
}: {
  progress: number | null;
  stored: ImportProgressView | null;
}) {
  const { t, i18n } = useTranslation('contacts');
  const { percent, text } = importProgressText(progress, stored, t, i18n.language);
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
