// The import's small rules: which kind of file was picked, the starting column mapping, sample
// values per column, the words for delimiters, targets and row errors, and the progress bar.
import type {
  CsvPreviewView,
  CsvTarget,
  ImportErrorView,
  ImportProgressView,
} from '../api/contacts';
import type { ContactsT } from './today';

/** The two kinds of file the import reads. */
export type ImportFileKind = 'csv' | 'vcard';

/** Tells a CSV from a vCard file by its name, then its type; null for anything else. */
export function importFileKind(file: { name: string; type: string }): ImportFileKind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.vcf') || name.endsWith('.vcard')) return 'vcard';
  if (/^text\/(csv|comma-separated-values)$/.test(file.type)) return 'csv';
  if (/^text\/(x-)?vcard$/.test(file.type)) return 'vcard';
  return null;
}

/** The mapping to start with: the server's suggestion, one entry per column, unknown targets off. */
export function initialMapping(preview: CsvPreviewView): (CsvTarget | null)[] {
  const known = new Set(preview.targets);
  return preview.columns.map((_, index) => {
    const suggested = preview.suggested[index] ?? null;
    return suggested !== null && known.has(suggested) ? suggested : null;
  });
}

/** Up to `max` non-empty values of one column from the preview's first rows. */
export function columnSamples(preview: CsvPreviewView, column: number, max = 3): string[] {
  return preview.sample
    .map((row) => row[column]?.trim() ?? '')
    .filter((value) => value !== '')
    .slice(0, max);
}

export { mappingProblems } from '../../shared/imports';
export type { MappingProblems } from '../../shared/imports';

/** The delimiter in words ("Semikolon (;)"), or the character itself when it is unusual. */
export function describeDelimiter(delimiter: string, t: ContactsT): string {
  switch (delimiter) {
    case ',':
      return t('import.delimiters.comma');
    case ';':
      return t('import.delimiters.semicolon');
    case '\t':
      return t('import.delimiters.tab');
    case '|':
      return t('import.delimiters.pipe');
    default:
      return `“${delimiter}”`;
  }
}

const TARGET_KEYS = {
  name: 'targets.name',
  givenName: 'targets.givenName',
  middleName: 'targets.middleName',
  familyName: 'targets.familyName',
  companyName: 'targets.companyName',
  role: 'targets.role',
  email: 'targets.email',
  emails: 'targets.emails',
  phone: 'targets.phone',
  phones: 'targets.phones',
  street: 'targets.street',
  postalCode: 'targets.postalCode',
  city: 'targets.city',
  country: 'targets.country',
  language: 'targets.language',
  timeZone: 'targets.timeZone',
  birthday: 'targets.birthday',
  notes: 'targets.notes',
  tags: 'targets.tags',
  family: 'targets.family',
  interests: 'targets.interests',
  homeOffice: 'targets.homeOffice',
  preferredChannel: 'targets.preferredChannel',
  cadenceDays: 'targets.cadenceDays',
  bestReach: 'targets.bestReach',
} as const;

function isKnown<K extends string>(map: Readonly<Record<K, unknown>>, key: string): key is K {
  return Object.hasOwn(map, key);
}

/** A mapping target in words ("Firma"); a target this client does not know shows as is. */
export function describeTarget(target: CsvTarget, t: ContactsT): string {
  return isKnown(TARGET_KEYS, target) ? t(TARGET_KEYS[target]) : target;
}

const IMPORT_ERROR_KEYS = {
  missing_name: 'importErrors.missing_name',
  invalid_email: 'importErrors.invalid_email',
  invalid_phone: 'importErrors.invalid_phone',
  invalid_date: 'importErrors.invalid_date',
  invalid_field: 'importErrors.invalid_field',
  too_many_values: 'importErrors.too_many_values',
  too_many_columns: 'importErrors.too_many_columns',
  malformed_row: 'importErrors.malformed_row',
  malformed_card: 'importErrors.malformed_card',
  unterminated_card: 'importErrors.unterminated_card',
  unreadable_card: 'importErrors.unreadable_card',
} as const;

/** Why a row was not imported, in words; an unknown code is shown as is, so nothing is lost. */
export function describeImportError(error: ImportErrorView, t: ContactsT): string {
  return isKnown(IMPORT_ERROR_KEYS, error.code)
    ? t(IMPORT_ERROR_KEYS[error.code])
    : t('importErrors.unknown', { code: error.code });
}

/**
 * The progress bar of a running import: the uploaded share while the file goes up (`upload`, 0
 * to 1, or null once it is up), then the rows the server has stored; no percentage (an
 * indeterminate bar) until the server has counted the rows.
 */
export function importProgressText(
  upload: number | null,
  stored: ImportProgressView | null,
  t: ContactsT,
  locale: string,
): { percent: number | null; text: string } {
  if (upload !== null) {
    const percent = Math.round(upload * 100);
    return { percent, text: t('import.uploading', { percent }) };
  }
  if (!stored?.total) return { percent: null, text: t('import.processing') };
  const rows = new Intl.NumberFormat(locale);
  return {
    percent: Math.min(100, Math.round((stored.done / stored.total) * 100)),
    text: t('import.stored', { done: rows.format(stored.done), total: rows.format(stored.total) }),
  };
}
