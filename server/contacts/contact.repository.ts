// Contacts and companies in the database: rows plus their e-mails, phones and tags.
import type { CompanyId, ContactId, UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { idSlices } from '../db/id-list.js';
import type { CompanyRow, ContactRow, NewContact } from './contact.table.js';

/** A contact row with everything stored beside it. */
export interface ContactRecord {
  row: ContactRow;
  companyName: string | null;
  emails: string[];
  phones: string[];
  tags: string[];
}

/** Who is looking: sellers see their own and shared contacts, the account owner sees all. */
export interface Viewer {
  id: UserId;
  isOwner: boolean;
}

/** Inserts a contact with its e-mails, phones and tags. */
export async function insertContact(
  db: Db,
  row: NewContact,
  details: { emails: string[]; phones: string[]; tags: string[] },
): Promise<void> {
  await db.insertInto('contacts').values(row).execute();
  await replaceContactDetails(db, row.id, details);
}

async function deleteContactDetails(db: Db, contactId: ContactId): Promise<void> {
  await db.deleteFrom('contact_emails').where('contact_id', '=', contactId).execute();
  await db.deleteFrom('contact_phones').where('contact_id', '=', contactId).execute();
  await db.deleteFrom('contact_tags').where('contact_id', '=', contactId).execute();
}

/** Replaces a contact's e-mails, phones and tags with the given lists. */
export async function replaceContactDetails(
  db: Db,
  contactId: ContactId,
  details: { emails: string[]; phones: string[]; tags: string[] },
): Promise<void> {
  await deleteContactDetails(db, contactId);
  if (details.emails.length > 0) {
    await db
      .insertInto('contact_emails')
      .values(details.emails.map((email, position) => ({ contact_id: contactId, position, email })))
      .execute();
  }
  if (details.phones.length > 0) {
    await db
      .insertInto('contact_phones')
      .values(details.phones.map((e164, position) => ({ contact_id: contactId, position, e164 })))
      .execute();
  }
  const tags = [...new Set(details.tags)];
  if (tags.length > 0) {
    await db
      .insertInto('contact_tags')
      .values(tags.map((tag) => ({ contact_id: contactId, tag })))
      .execute();
  }
}

/** Updates columns of a contact row. */
export async function updateContactRow(
  db: Db,
  contactId: ContactId,
  patch: Partial<Omit<ContactRow, 'id' | 'owner_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('contacts').set(patch).where('id', '=', contactId).execute();
}

/** The e-mails, phones and tags of the given contacts, each contact's in its order. */
async function loadDetails(db: Db, ids: ContactId[]) {
  const [emails, phones, tags] = await Promise.all([
    db
      .selectFrom('contact_emails')
      .selectAll()
      .where('contact_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('contact_phones')
      .selectAll()
      .where('contact_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('contact_tags')
      .selectAll()
      .where('contact_id', 'in', ids)
      .orderBy('tag')
      .execute(),
  ]);
  const group = <T extends { contact_id: ContactId }, V>(items: T[], pick: (t: T) => V) => {
    const map = new Map<ContactId, V[]>();
    for (const item of items) {
      const list = map.get(item.contact_id) ?? [];
      list.push(pick(item));
      map.set(item.contact_id, list);
    }
    return map;
  };
  const emailMap = group(emails, (e) => e.email);
  const phoneMap = group(phones, (p) => p.e164);
  const tagMap = group(tags, (t) => t.tag);
  return (row: ContactRow, companyName: string | null): ContactRecord => ({
    row,
    companyName,
    emails: emailMap.get(row.id) ?? [],
    phones: phoneMap.get(row.id) ?? [],
    tags: tagMap.get(row.id) ?? [],
  });
}

/** Loads full records for the given contact rows, keeping their order. */
export async function loadContactRecords(db: Db, rows: ContactRow[]): Promise<ContactRecord[]> {
  if (rows.length === 0) return [];
  const companyIds = [...new Set(rows.map((r) => r.company_id).filter((c) => c !== null))];
  const [record, companies] = await Promise.all([
    loadDetails(
      db,
      rows.map((r) => r.id),
    ),
    companyIds.length > 0
      ? db.selectFrom('companies').select(['id', 'name']).where('id', 'in', companyIds).execute()
      : Promise.resolve([]),
  ]);
  const companyNames = new Map(companies.map((c) => [c.id, c.name]));
  return rows.map((row) =>
    record(row, row.company_id ? (companyNames.get(row.company_id) ?? null) : null),
  );
}

/**
 * Full records of contacts by id (in no particular order), in one round of queries per 5,000
 * ids: the rows with their company's name, beside their e-mails, phones and tags.
 */
export async function findContactRecordsByIds(
  db: Db,
  ids: readonly ContactId[],
): Promise<ContactRecord[]> {
  const records: ContactRecord[] = [];
  for (const round of idSlices(ids)) {
    const [rows, record] = await Promise.all([
      db
        .selectFrom('contacts')
        .leftJoin('companies', 'companies.id', 'contacts.company_id')
        .selectAll('contacts')
        .select('companies.name as company_name')
        .where('contacts.id', 'in', round)
        .execute(),
      loadDetails(db, round),
    ]);
    for (const { company_name, ...row } of rows) records.push(record(row, company_name));
  }
  return records;
}

/** Finds a contact the viewer may see. */
export async function findVisibleContact(
  db: Db,
  viewer: Viewer,
  contactId: ContactId,
): Promise<ContactRow | undefined> {
  let query = db.selectFrom('contacts').selectAll().where('id', '=', contactId);
  if (!viewer.isOwner) {
    query = query.where((eb) => eb.or([eb('owner_id', '=', viewer.id), eb('shared', '=', 1)]));
  }
  return query.executeTakeFirst();
}

/** Lists the contacts a viewer may see, by name. */
export async function listVisibleContacts(
  db: Db,
  viewer: Viewer,
  page: { limit: number; offset: number },
): Promise<ContactRow[]> {
  let query = db.selectFrom('contacts').selectAll();
  if (!viewer.isOwner) {
    query = query.where((eb) => eb.or([eb('owner_id', '=', viewer.id), eb('shared', '=', 1)]));
  }
  return query.orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

/** Maps e-mails and E.164 phones to the ids of an owner's contacts that have them. */
export async function findOwnerContactKeys(
  db: Db,
  ownerId: UserId,
): Promise<{ emails: Map<string, ContactId>; phones: Map<string, ContactId> }> {
  const [emails, phones] = await Promise.all([
    db
      .selectFrom('contact_emails')
      .innerJoin('contacts', 'contacts.id', 'contact_emails.contact_id')
      .select(['contact_emails.email', 'contact_emails.contact_id'])
      .where('contacts.owner_id', '=', ownerId)
      .execute(),
    db
      .selectFrom('contact_phones')
      .innerJoin('contacts', 'contacts.id', 'contact_phones.contact_id')
      .select(['contact_phones.e164', 'contact_phones.contact_id'])
      .where('contacts.owner_id', '=', ownerId)
      .execute(),
  ]);
  return {
    emails: new Map(emails.map((e) => [e.email, e.contact_id])),
    phones: new Map(phones.map((p) => [p.e164, p.contact_id])),
  };
}

/** Finds an owner's company by folded name. */
export async function findCompanyByFoldedName(
  db: Db,
  ownerId: UserId,
  nameFolded: string,
): Promise<CompanyRow | undefined> {
  return db
    .selectFrom('companies')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('name_folded', '=', nameFolded)
    .executeTakeFirst();
}

/** Inserts a company. */
export async function insertCompany(db: Db, row: CompanyRow): Promise<void> {
  await db.insertInto('companies').values(row).execute();
}

/**
 * Deletes a contact with its e-mails, phones and tags (which have no foreign key, see the
 * migration 2026-11-29T1000); links and touchpoints go with it by cascade. The contact goes
 * first: on PostgreSQL that waits for a transaction changing its details, and the deletes after
 * it then see the rows that transaction wrote.
 */
export async function deleteContactRow(db: Db, contactId: ContactId): Promise<void> {
  await db.deleteFrom('contacts').where('id', '=', contactId).execute();
  await deleteContactDetails(db, contactId);
}

/** Finds a company by id. */
export async function findCompanyById(
  db: Db,
  companyId: CompanyId,
): Promise<CompanyRow | undefined> {
  return db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirst();
}
