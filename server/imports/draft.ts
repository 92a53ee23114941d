// What every importer hands back: validated drafts with the line they came from, and errors
// with a stable code (translated in the UI) for everything that could not be taken over.
import type { z } from 'zod';
import { contactInputSchema, type ContactDraft, type ContactInput } from '../../shared/contacts.js';
import { formatBirthday } from './dates.js';

/** Why a row or card was not imported; the UI translates each code. */
export const IMPORT_ERROR_CODES = [
  'missing_name',
  'invalid_email',
  'invalid_phone',
  'invalid_date',
  'invalid_field',
  'too_many_values',
  'too_many_columns',
  'malformed_row',
  'malformed_card',
  'unterminated_card',
] as const;
/** One reason a row or card was not imported. */
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** A problem with one value of a row or card, before the line is known. */
export interface ImportIssue {
  code: ImportErrorCode;
  /** The contact field, dotted for nested ones ("emails", "address.city"). */
  field?: string;
  /** The offending value, shown to the user as typed. */
  detail?: string;
}

/** A row or card that was not imported, at the 1-based line where it starts. */
export interface ImportError extends ImportIssue {
  line: number;
}

/** A row or card that passed `contactInputSchema`, at the 1-based line where it starts. */
export interface ImportedRow {
  line: number;
  draft: ContactDraft;
}

/** The outcome of reading a file: every row or card is in exactly one of the two lists. */
export interface ImportResult {
  rows: ImportedRow[];
  errors: ImportError[];
}

/** Receives what an importer reads, in file order for rows; errors may come late. */
export interface ImportSink {
  row(row: ImportedRow): void;
  error(error: ImportError): void;
  /** How many rows (or cards) the file holds, once it is known, before most of them come. */
  total?(rows: number): void;
}

/** Collects what a sink receives into an `ImportResult`, errors sorted by line. */
export function collectImport(read: (sink: ImportSink) => void): ImportResult {
  const result: ImportResult = { rows: [], errors: [] };
  read({ row: (row) => result.rows.push(row), error: (error) => result.errors.push(error) });
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}

/** Joins name parts ("Anna", "Maria", "Weiß") with spaces; undefined if all are empty. */
export function joinName(parts: readonly (string | undefined)[]): string | undefined {
  return parts.filter(Boolean).join(' ') || undefined;
}

/**
 * Picks the contact's name: the first candidate that is not empty. Importers pass the explicit
 * name, then the joined name parts, then the first e-mail address (guessing a person from
 * "info@" or "j.doe@" would look right and be wrong).
 */
export function pickName(candidates: readonly (string | undefined)[]): string {
  return candidates.find((c) => c?.trim()) ?? '';
}

// Phones are normalised by the server; the import only refuses what cannot be a number at all.
function checkPhones(phones: readonly string[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const phone of phones) {
    let digits = 0;
    for (let i = 0; i < phone.length && digits < 3; i++) {
      const c = phone.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
    }
    if (digits < 3) issues.push({ code: 'invalid_phone', field: 'phones', detail: phone });
  }
  return issues;
}

/** Drops repeated issues (same code, field and value), keeping the first. */
export function uniqueIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}\0${i.field ?? ''}\0${i.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function toIssue(issue: z.core.$ZodIssue, draft: ContactDraft): ImportIssue {
  const [head, index] = issue.path;
  const value = valueAt(draft, issue.path);
  const detail = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  const field = issue.path.filter((p) => typeof p === 'string').join('.');
  const listIssue = (code: ImportErrorCode): ImportIssue =>
    index === undefined
      ? { code: 'too_many_values', field }
      : { code, field, ...(detail !== undefined && { detail }) };
  switch (head) {
    case 'name':
      return issue.code === 'too_small'
        ? { code: 'missing_name' }
        : { code: 'invalid_field', field, ...(detail !== undefined && { detail }) };
    case 'emails':
      return listIssue('invalid_email');
    case 'phones':
      return listIssue('invalid_phone');
    case 'tags':
      return listIssue('invalid_field');
    case 'birthday':
      return {
        code: 'invalid_date',
        field: 'birthday',
        ...(draft.birthday && { detail: formatBirthday(draft.birthday) }),
      };
    default:
      return { code: 'invalid_field', field, ...(detail !== undefined && { detail }) };
  }
}

// What validateDraft made of each valid draft, so that storing 100,000 rows does not run the
// schema over each row a second time. Keyed by the draft object; drafts are not changed after.
const validated = new WeakMap<ContactDraft, ContactInput>();

/** The contact a draft validates to (from validateDraft when it checked this draft). */
export function draftInput(draft: ContactDraft): ContactInput {
  return validated.get(draft) ?? contactInputSchema.parse(draft);
}

/**
 * Validates a draft with `contactInputSchema` (and refuses phones with fewer than three digits)
 * and lists what is wrong, once per bad value, so the import service can trust every draft that
 * comes back without issues. An empty name is reported as `missing_name`.
 */
export function validateDraft(draft: ContactDraft): ImportIssue[] {
  const phoneIssues = checkPhones(draft.phones ?? []);
  const result = contactInputSchema.safeParse(draft);
  if (result.success) {
    validated.set(draft, result.data);
    return phoneIssues;
  }
  return uniqueIssues([...phoneIssues, ...result.error.issues.map((i) => toIssue(i, draft))]);
}

/** Adds the line to issues found in one row or card. */
export function atLine(line: number, issues: readonly ImportIssue[]): ImportError[] {
  return issues.map((issue) => ({ line, ...issue }));
}
