// Rules about contacts: who may see and change them, phones normalised to E.164, companies found
// or created by folded name, and the search document kept in step with every change.
import type { ContactInput } from '../../shared/contacts.js';
import { foldText } from '../../shared/fold.js';
import type { CompanyId, ContactId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { Invalid, NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import {
  findCompanyByFoldedName,
  findVisibleContact,
  insertCompany,
  insertContact,
  loadContactRecords,
  replaceContactDetails,
  updateContactRow,
} from './contact.repository.js';
import { loadTagCadences } from './cadence.js';
import { cadenceColumns } from './cadence.rules.js';
import { contactSearchParts, inputColumns, newContactRow, normalizePhone } from './contact.rows.js';
import type { ContactRecord, Viewer } from './contact.repository.js';
import type { ContactRow } from './contact.table.js';
import { indexSearchDoc } from './search.repository.js';

/** Normalises every phone of an input; Invalid names the first one that is no number. */
export function normalizePhones(raws: string[]): string[] {
  const out: string[] = [];
  for (const raw of raws) {
    const e164 = normalizePhone(raw);
    if (!e164) {
      throw new Invalid(`Not a phone number: ${raw}`, 'invalid_phone', {
        field: 'phones',
        value: raw,
      });
    }
    if (!out.includes(e164)) out.push(e164);
  }
  return out;
}

const contactNotFound = () => new NotFound('Contact not found', 'contact_not_found');

/** Finds or creates the viewer's company of that name; null for no name. */
export async function resolveCompany(
  db: Db,
  clock: Clock,
  ownerId: ContactRow['owner_id'],
  name: string | null,
): Promise<{ id: CompanyId; name: string } | null> {
  if (!name) return null;
  const folded = foldText(name);
  const existing = await findCompanyByFoldedName(db, ownerId, folded);
  if (existing) return { id: existing.id, name: existing.name };
  const id = newId<CompanyId>();
  await insertCompany(db, {
    id,
    owner_id: ownerId,
    name,
    name_folded: folded,
    shared: 0,
    created_at: clock.now(),
  });
  await indexSearchDoc(db, 'company', id, [name]);
  return { id, name };
}

/** Rewrites a contact's search document from its record. */
export async function indexContact(db: Db, record: ContactRecord): Promise<void> {
  await indexSearchDoc(db, 'contact', record.row.id, contactSearchParts(record));
}

/** Props of createContact. */
export interface CreateContactProps {
  viewer: Viewer;
  input: ContactInput;
  /** Phones already normalised (the importer does it per row); normalised here when absent. */
  phones?: string[];
}

/** Creates a contact owned by the viewer; the caller may pass a transaction as `db`. */
export async function createContact(
  db: Db,
  clock: Clock,
  props: CreateContactProps,
): Promise<ContactRecord> {
  const phones = props.phones ?? normalizePhones(props.input.phones);
  const company = await resolveCompany(db, clock, props.viewer.id, props.input.companyName);
  const row = newContactRow(
    props.viewer.id,
    props.input,
    company?.id ?? null,
    clock.now(),
    await loadTagCadences(db),
  );
  const details = { emails: props.input.emails, phones, tags: props.input.tags };
  await insertContact(db, row, details);
  const record: ContactRecord = { row, companyName: company?.name ?? null, ...details };
  await indexContact(db, record);
  return record;
}

/** Finds a contact the viewer may see, with its details; NotFound otherwise. */
export async function getContact(
  db: Db,
  viewer: Viewer,
  contactId: ContactId,
): Promise<ContactRecord> {
  const row = await findVisibleContact(db, viewer, contactId);
  if (!row) throw contactNotFound();
  const [record] = await loadContactRecords(db, [row]);
  if (!record) throw contactNotFound();
  return record;
}

/**
 * Finds a contact the viewer may change, export or erase: their own, or any for the account
 * owner. Others get NotFound, so contact ids cannot be probed; a shared contact is read-only
 * for sellers other than its owner.
 */
export async function getOwnedContact(
  db: Db,
  viewer: Viewer,
  contactId: ContactId,
): Promise<ContactRecord> {
  const record = await getContact(db, viewer, contactId);
  if (!viewer.isOwner && record.row.owner_id !== viewer.id) throw contactNotFound();
  return record;
}

/** Props of updateContact. */
export interface UpdateContactProps {
  viewer: Viewer;
  contactId: ContactId;
  input: ContactInput;
}

/** Replaces a contact's fields with the input; returns the contact as it is now. */
export async function updateContact(
  db: Db,
  clock: Clock,
  props: UpdateContactProps,
): Promise<ContactRecord> {
  const phones = normalizePhones(props.input.phones);
  return db.transaction().execute(async (trx) => {
    const current = await getOwnedContact(trx, props.viewer, props.contactId);
    const company = await resolveCompany(trx, clock, current.row.owner_id, props.input.companyName);
    const input = inputColumns(props.input, company?.id ?? null);
    const columns = {
      ...input,
      ...cadenceColumns({ ...current.row, ...input }, props.input.tags, await loadTagCadences(trx)),
      updated_at: clock.now(),
    };
    await updateContactRow(trx, props.contactId, columns);
    const details = { emails: props.input.emails, phones, tags: props.input.tags };
    await replaceContactDetails(trx, props.contactId, details);
    const record: ContactRecord = {
      row: { ...current.row, ...columns },
      companyName: company?.name ?? null,
      ...details,
    };
    await indexContact(trx, record);
    return record;
  });
}

/** Snoozes a contact on the Today list until the given time (or wakes it with null). */
export async function snoozeContact(
  db: Db,
  viewer: Viewer,
  contactId: ContactId,
  until: number | null,
): Promise<void> {
  await getOwnedContact(db, viewer, contactId);
  await updateContactRow(db, contactId, { snoozed_until: until });
}
