// One CSV record to one contact draft, through the chosen column mapping. Everything that cannot
// be read becomes an issue naming the field, so the row is reported instead of half-imported.
import type { ContactDraft } from '../../shared/contacts.js';
import type { ImportField } from '../../shared/imports.js';
import type { ColumnMapping } from './csv.mapping.js';
import { parseBirthday } from './dates.js';
import { joinName, pickName, uniqueIssues, validateDraft, type ImportIssue } from './draft.js';
import { normalizeLanguage, readNahbarFields, splitTags, uniqueCaseless } from './fields.js';

/** A mapped column: where it is and what it feeds. */
export interface MappedColumn {
  index: number;
  field: ImportField;
}

/** Lists the columns a mapping uses, so rows do not walk the ignored ones. */
export function mappedColumns(mapping: ColumnMapping): MappedColumn[] {
  return mapping.flatMap((field, index) => (field ? [{ index, field }] : []));
}

// Nahbar's export puts "'" before a leading =, +, - or @ so that spreadsheets do not run the
// cell as a formula (CSV injection); it is not part of the value.
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

/** Trims a cell, turns CRLF inside quoted cells into "\n" and removes the export's formula guard. */
export function cleanCell(cell: string | undefined): string {
  if (!cell) return '';
  const text = (cell.includes('\r') ? cell.replace(/\r\n?/g, '\n') : cell).trim();
  // Checked by hand first: this runs for every cell of every row.
  return text.charCodeAt(0) === 39 ? text.replace(FORMULA_GUARD, '') : text;
}

// Google puts several values of one kind into one cell, separated by " ::: ".
const splitValues = (cell: string) =>
  cell.includes(':::') ? cell.split(/\s*:::\s*/).filter(Boolean) : [cell];

// "Hans Müller <h.mueller@example.de>" as some mail programs export it.
const ANGLE_ADDRESS = /<([^<>\s]+@[^<>\s]+)>\s*$/;

function splitEmails(cell: string): string[] {
  const parts = /[;,:<]/.test(cell) ? cell.split(/\s*(?:[;,]|:::)\s*/).filter(Boolean) : [cell];
  return parts.map((e) => (e.endsWith('>') ? (ANGLE_ADDRESS.exec(e)?.[1] ?? e) : e));
}

type Single = Exclude<ImportField, 'email' | 'phone' | 'notes' | 'tags'>;

/**
 * Builds the draft of one data row. The row is imported only when the issue list is empty;
 * the draft holds only fields the row has values for.
 */
export function rowToDraft(
  cells: readonly string[],
  columns: readonly MappedColumn[],
): { draft: ContactDraft; issues: ImportIssue[] } {
  const single: Partial<Record<Single, string>> = {};
  const emails: string[] = [];
  const phones: string[] = [];
  const notes: string[] = [];
  const tags: string[] = [];
  for (const { index, field } of columns) {
    const value = cleanCell(cells[index]);
    if (!value) continue;
    if (field === 'email') emails.push(...splitEmails(value));
    else if (field === 'phone') phones.push(...splitValues(value));
    else if (field === 'notes') notes.push(value);
    else if (field === 'tags') tags.push(...splitTags(value));
    else single[field] = value;
  }

  const issues: ImportIssue[] = [];
  // An empty name makes the schema report `missing_name`.
  const draft: ContactDraft = {
    name: pickName([
      single.name,
      joinName([single.givenName, single.middleName, single.familyName]),
      emails[0],
    ]),
  };
  if (single.companyName) draft.companyName = single.companyName;
  if (single.role) draft.role = single.role;
  if (emails.length) draft.emails = uniqueCaseless(emails);
  if (phones.length) draft.phones = [...new Set(phones)];
  if (single.street || single.postalCode || single.city || single.country) {
    draft.address = {
      ...(single.street && { street: single.street }),
      ...(single.postalCode && { postalCode: single.postalCode }),
      ...(single.city && { city: single.city }),
      ...(single.country && { country: single.country }),
    };
  }
  if (single.language) draft.language = normalizeLanguage(single.language);
  if (single.timeZone) draft.timeZone = single.timeZone;
  if (single.birthday) {
    const parsed = parseBirthday(single.birthday);
    if (parsed.kind === 'date') draft.birthday = parsed.birthday;
    else if (parsed.kind === 'invalid') {
      issues.push({ code: 'invalid_date', field: 'birthday', detail: single.birthday });
    }
  }
  if (notes.length) draft.notes = notes.join('\n\n');
  if (tags.length) draft.tags = uniqueCaseless(tags);
  const nahbar = readNahbarFields(single);
  Object.assign(draft, nahbar.fields);
  issues.push(...nahbar.issues);
  const schemaIssues = validateDraft(draft);
  if (!schemaIssues.length) return { draft, issues };
  // The schema sees "--02-31"; the user typed "31.02." and should see that again.
  const shown = schemaIssues.map((i) =>
    i.code === 'invalid_date' && single.birthday ? { ...i, detail: single.birthday } : i,
  );
  return { draft, issues: uniqueIssues([...issues, ...shown]) };
}
