// The CSV preview and column mapping: what the file looks like (encoding, delimiter, rows) and,
// for each column, its first values and the field it goes into. One row per column, so it stays
// readable at phone width however many columns the file has.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvPreviewView, CsvTarget } from '../../api/contacts';
import { columnSamples, describeDelimiter, describeTarget } from '../../contacts/imports';
import type { MappingProblems } from '../../contacts/imports';

/** Props of CsvMapping. */
export interface CsvMappingProps {
  preview: CsvPreviewView;
  mapping: readonly (CsvTarget | null)[];
  problems: MappingProblems;
  disabled: boolean;
  onChange: (column: number, target: CsvTarget | null) => void;
}

/** Shows the preview and lets the seller choose a target per column. */
export function CsvMapping({ preview, mapping, problems, disabled, onChange }: CsvMappingProps) {
  const { t } = useTranslation('contacts');
  const id = useId();
  return (
    <section className="card stack section-card" aria-labelledby="csv-preview">
      <h2 id="csv-preview">{t('import.previewTitle')}</h2>
      <dl className="facts facts-inline">
        <div>
          <dt>{t('import.encoding')}</dt>
          <dd>{preview.encoding}</dd>
        </div>
        <div>
          <dt>{t('import.delimiter')}</dt>
          <dd>{describeDelimiter(preview.delimiter, t)}</dd>
        </div>
        <div>
          <dt className="visually-hidden">{t('import.rows', { count: preview.rowCount })}</dt>
          <dd>{t('import.rows', { count: preview.rowCount })}</dd>
        </div>
      </dl>
      <h3>{t('import.mappingTitle')}</h3>
      <p className="muted">{t('import.mappingHint')}</p>
      <div className="table-scroll">
        <table className="mapping-table" data-testid="import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.samples')}</th>
              <th scope="col">{t('import.target')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((column, index) => (
              <tr key={index}>
                <th scope="row">{column}</th>
                <td>
                  <ul className="samples">
                    {columnSamples(preview, index).map((value, i) => (
                      <li key={i}>{value}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <select
                    aria-label={t('import.targetFor', { column })}
                    aria-invalid={problems.duplicates.has(index) ? true : undefined}
                    aria-describedby={
                      problems.duplicates.has(index) ? `${id}-duplicate-${index}` : undefined
                    }
                    disabled={disabled}
                    data-testid="import-target"
                    value={mapping[index] ?? ''}
                    onChange={(e) => onChange(index, e.target.value === '' ? null : e.target.value)}
                  >
                    <option value="">{t('import.ignore')}</option>
                    {preview.targets.map((target) => (
                      <option key={target} value={target}>
                        {describeTarget(target, t)}
                      </option>
                    ))}
                  </select>
                  {problems.duplicates.has(index) && (
                    <span id={`${id}-duplicate-${index}`} className="error">
                      {t('import.duplicateTarget', {
                        target: describeTarget(mapping[index] ?? '', t),
                      })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.missingName && <p className="notice">{t('import.needsName')}</p>}
    </section>
  );
}
