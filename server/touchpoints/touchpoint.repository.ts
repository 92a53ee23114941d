// The touchpoint log in the database: append, read a timeline, derive a contact's last touch.
import type { CompanyId, ContactId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { NewTouchpoint, TouchpointRow } from './touchpoint.table.js';

/** Appends touchpoints to the log. */
export async function insertTouchpoints(db: Db, rows: NewTouchpoint[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('touchpoints').values(rows).execute();
}

/** A contact's or company's touchpoints, newest first. */
export async function listTouchpoints(
  db: Db,
  subject: { contactId: ContactId } | { companyId: CompanyId },
  limit: number,
): Promise<TouchpointRow[]> {
  const query = db.selectFrom('touchpoints').selectAll();
  const filtered =
    'contactId' in subject
      ? query.where('contact_id', '=', subject.contactId)
      : query.where('company_id', '=', subject.companyId);
  return filtered.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The newest touchpoint time of a contact, from the log. */
export async function newestTouchAt(db: Db, contactId: ContactId): Promise<number | null> {
  const row = await db
    .selectFrom('touchpoints')
    .select((eb) => eb.fn.max('occurred_at').as('newest'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return row?.newest === null || row?.newest === undefined ? null : Number(row.newest);
}
