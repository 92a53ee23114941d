// What an import can work out for each row before it looks at the database: phones normalised
// to E.164 (a row with a phone that is no number becomes an error), the contact as it would be
// created, and its search document. Pure, so the import worker runs it beside the inserts.
import { foldText } from '../../shared/fold.js';
import type { UserId } from '../../shared/ids.js';
import type { ContactRecord } from '../contacts/contact.repository.js';
import { contactSearchParts, newContactRow, normalizePhone } from '../contacts/contact.rows.js';
import { searchBody } from '../contacts/search.words.js';
import { draftInput } from './draft.js';
import type { ImportError, ImportedRow } from './draft.js';

/** What preparing a row needs from the importer's transaction. */
export interface PrepareContext {
  ownerId: UserId;
  now: number;
  /** The account's tag cadences, by tag. */
  tagCadences: Readonly<Record<string, number>>;
}

/** A row ready to be stored as a new contact, or merged into the one it matches. */
export interface PreparedContact {
  line: number;
  /** The contact as it would be created; `company_id` is set by the importer. */
  record: ContactRecord;
  /** The folded company name, by which companies are found. */
  companyFolded: string | null;
  /** The search document of `record`. */
  search: string;
  /** For a row without e-mail or phone: the folded name and company it is matched by. */
  nameKey: string | null;
}

/** Prepared rows and the errors of the same stretch of the file. */
export interface ImportBatch {
  contacts: PreparedContact[];
  errors: ImportError[];
  /** The rows in the file, on a batch of its own as soon as the reader counted them. */
  total?: number;
}

/** What identifies someone without an e-mail or phone: folded name and company. */
export function nameKey(name: string, company: string | null): string {
  return `${foldText(name)}|${foldText(company ?? '')}`;
}

/** The search document of a contact record. */
export function searchDocOf(record: ContactRecord): string {
  return searchBody(contactSearchParts(record));
}

/** Prepares one validated row; a phone that is no number makes the row an error. */
export function prepareRow(
  { line, draft }: ImportedRow,
  ctx: PrepareContext,
): PreparedContact | ImportError {
  const input = draftInput(draft);
  const phones: string[] = [];
  for (const raw of input.phones) {
    const e164 = normalizePhone(raw);
    if (!e164) return { line, code: 'invalid_phone', field: 'phones', detail: raw };
    if (!phones.includes(e164)) phones.push(e164);
  }
  const tags = [...new Set(input.tags)];
  const record: ContactRecord = {
    row: newContactRow(ctx.ownerId, input, null, ctx.now, ctx.tagCadences),
    companyName: input.companyName,
    emails: input.emails,
    phones,
    tags,
  };
  return {
    line,
    record,
    companyFolded: input.companyName ? foldText(input.companyName) : null,
    search: searchDocOf(record),
    nameKey:
      input.emails.length === 0 && phones.length === 0
        ? nameKey(input.name, input.companyName)
        : null,
  };
}
