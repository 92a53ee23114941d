// Storing imported contacts: companies found or created once per name, rows that match an
// existing contact by e-mail or phone merged into it (so re-importing a file creates no
// duplicates), and new contacts written batch by batch as the source prepares them, inside one
// transaction (100,000 rows in seconds, not minutes).
import type { ImportResultView } from '../../shared/api/contacts.js';
import type { CompanyId, ContactId } from '../../shared/ids.js';
import { loadTagCadences } from '../contacts/cadence.js';
import { cadenceColumns } from '../contacts/cadence.rules.js';
import {
  findContactRecordsByIds,
  findOwnerContactKeys,
  replaceContactDetails,
  updateContactRow,
} from '../contacts/contact.repository.js';
import type { ContactRecord, Viewer } from '../contacts/contact.repository.js';
import { indexContact } from '../contacts/contact.service.js';
import type { ContactRow } from '../contacts/contact.table.js';
import { bulkWriter } from '../db/bulk.js';
import type { BulkWriter } from '../db/bulk.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import type { ImportError } from './draft.js';
import type { ImportSource } from './import-source.js';
import { nameKey, searchDocOf } from './prepare.js';
import type { PreparedContact } from './prepare.js';

/** Maps the owner's contacts by `nameKey`. */
async function findOwnerNameKeys(db: Db, ownerId: Viewer['id']): Promise<Map<string, ContactId>> {
  const rows = await db
    .selectFrom('contacts')
    .leftJoin('companies', 'companies.id', 'contacts.company_id')
    .select(['contacts.id as id', 'contacts.name as name', 'companies.name as company'])
    .where('contacts.owner_id', '=', ownerId)
    .execute();
  return new Map(rows.map((r) => [nameKey(r.name, r.company), r.id]));
}

/** Fills what the existing contact lacks and adds new e-mails, phones and tags; null if nothing changes. */
function mergeInto(
  record: ContactRecord,
  incoming: ContactRecord,
  tagCadences: Readonly<Record<string, number>>,
): ContactRecord | null {
  const r = record.row;
  const i = incoming.row;
  const fill = <T>(current: T | null, added: T | null): T | null => current ?? added;
  const next: ContactRow = {
    ...r,
    role: fill(r.role, i.role),
    street: fill(r.street, i.street),
    postal_code: fill(r.postal_code, i.postal_code),
    city: fill(r.city, i.city),
    country: fill(r.country, i.country),
    language: fill(r.language, i.language),
    time_zone: fill(r.time_zone, i.time_zone),
    family: fill(r.family, i.family),
    interests: fill(r.interests, i.interests),
    home_office: fill(r.home_office, i.home_office),
    birthday_month: r.birthday_month ?? i.birthday_month,
    birthday_day: r.birthday_month !== null ? r.birthday_day : i.birthday_day,
    birthday_year: r.birthday_month !== null ? r.birthday_year : i.birthday_year,
    preferred_channel: fill(r.preferred_channel, i.preferred_channel),
    notes: fill(r.notes, i.notes),
    cadence_days: fill(r.cadence_days, i.cadence_days),
  };
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const tags = union(record.tags, incoming.tags);
  Object.assign(next, cadenceColumns(next, tags, tagCadences));
  const merged: ContactRecord = {
    row: next,
    companyName: record.companyName,
    emails: union(record.emails, incoming.emails),
    phones: union(record.phones, incoming.phones),
    tags,
  };
  const same =
    JSON.stringify([next, merged.emails, merged.phones, merged.tags]) ===
    JSON.stringify([r, record.emails, record.phones, record.tags]);
  return same ? null : merged;
}

/**
 * Stores the rows of a file for the viewer, batch by batch as `source` prepares them, in one
 * transaction, telling `onProgress` after each batch how many rows are done. Rows that could
 * not be read stay in the returned errors with their lines; nothing is dropped silently.
 */
export async function importContacts(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  source: ImportSource,
  onProgress?: (progress: { done: number; total: number | null }) => void,
): Promise<ImportResultView> {
  const errors: ImportError[] = [];
  const now = clock.now();
  let created = 0;
  let updated = 0;

  await db.transaction().execute(async (trx) => {
    const [keys, tagCadences, companyRows] = await Promise.all([
      findOwnerContactKeys(trx, viewer.id),
      loadTagCadences(trx),
      trx
        .selectFrom('companies')
        .select(['id', 'name_folded'])
        .where('owner_id', '=', viewer.id)
        .execute(),
    ]);
    const companies = new Map(companyRows.map((c) => [c.name_folded, c.id]));
    const bulk = bulkWriter(db, trx);

    // Loaded only when a row has neither e-mail nor phone (rare, and costly for big books).
    const byName: { keys: Map<string, ContactId> | null } = { keys: null };
    const nameKeys = async () => (byName.keys ??= await findOwnerNameKeys(trx, viewer.id));
    // Existing contacts (and ones an earlier batch created) that rows matched, merged at the end.
    const matched = new Map<ContactId, ContactRecord[]>();

    const progress = { done: 0, total: null as number | null };
    for await (const batch of source({ ownerId: viewer.id, now, tagCadences })) {
      errors.push(...batch.errors);
      progress.total = batch.total ?? progress.total;
      const newCompanies: { id: CompanyId; name: string; folded: string }[] = [];
      const fresh = new Map<ContactId, PreparedContact>();
      for (const prepared of batch.contacts) {
        const { record } = prepared;
        const match =
          prepared.nameKey === null
            ? (record.emails.map((e) => keys.emails.get(e)).find((id) => id !== undefined) ??
              record.phones.map((p) => keys.phones.get(p)).find((id) => id !== undefined))
            : // Without an e-mail or phone, the same name at the same company is the same person.
              (await nameKeys()).get(prepared.nameKey);
        if (match) {
          const inBatch = fresh.get(match);
          if (inBatch) {
            // A second row for a person this batch creates: merge it in memory.
            const merged = mergeInto(inBatch.record, record, tagCadences);
            if (merged) Object.assign(inBatch, { record: merged, search: searchDocOf(merged) });
          } else {
            matched.set(match, [...(matched.get(match) ?? []), record]);
          }
          updated++;
          continue;
        }
        const { companyName } = record;
        const folded = prepared.companyFolded;
        if (companyName && folded !== null) {
          let companyId = companies.get(folded);
          if (!companyId) {
            companyId = newId<CompanyId>();
            companies.set(folded, companyId);
            newCompanies.push({ id: companyId, name: companyName, folded });
          }
          record.row.company_id = companyId;
        }
        const id = record.row.id;
        fresh.set(id, prepared);
        for (const e of record.emails) keys.emails.set(e, id);
        for (const p of record.phones) keys.phones.set(p, id);
        if (byName.keys) byName.keys.set(nameKey(record.row.name, record.companyName), id);
        created++;
      }
      await insertBatch(bulk, viewer, now, newCompanies, [...fresh.values()]);
      progress.done += batch.contacts.length + batch.errors.length;
      onProgress?.(progress);
    }

    // Existing contacts the file matched: fill their gaps, one at a time (re-imports are rare).
    const existing = await findContactRecordsByIds(trx, [...matched.keys()]);
    for (const record of existing) {
      let current = record;
      for (const incoming of matched.get(record.row.id) ?? [])
        current = mergeInto(current, incoming, tagCadences) ?? current;
      if (current === record) continue;
      await updateContactRow(trx, record.row.id, { ...current.row, updated_at: now });
      await replaceContactDetails(trx, record.row.id, current);
      await indexContact(trx, current);
    }
  });

  errors.sort((a, b) => a.line - b.line);
  return { created, updated, errors };
}

/** Writes one batch's new companies and contacts with their details and search documents. */
async function insertBatch(
  bulk: BulkWriter,
  viewer: Viewer,
  now: number,
  newCompanies: readonly { id: CompanyId; name: string; folded: string }[],
  fresh: readonly PreparedContact[],
): Promise<void> {
  await bulk.insert(
    'companies',
    newCompanies.map((c) => ({
      id: c.id,
      owner_id: viewer.id,
      name: c.name,
      name_folded: c.folded,
      shared: 0,
      created_at: now,
    })),
  );
  await bulk.insert(
    'contacts',
    fresh.map((p) => p.record.row),
  );
  const details = <T>(pick: (r: ContactRecord) => T[]) => fresh.flatMap((p) => pick(p.record));
  await bulk.insert(
    'contact_emails',
    details((r) => r.emails.map((email, position) => ({ contact_id: r.row.id, position, email }))),
  );
  await bulk.insert(
    'contact_phones',
    details((r) => r.phones.map((e164, position) => ({ contact_id: r.row.id, position, e164 }))),
  );
  await bulk.insert(
    'contact_tags',
    details((r) => r.tags.map((tag) => ({ contact_id: r.row.id, tag }))),
  );
  await bulk.insert('contact_search', [
    ...newCompanies.map((c) => ({ doc_kind: 'company' as const, doc_id: c.id, body: c.folded })),
    ...fresh.map((p) => ({
      doc_kind: 'contact' as const,
      doc_id: p.record.row.id,
      body: p.search,
    })),
  ]);
}
