// The touchpoint log in the database: append, read a timeline, derive a contact's last touch and
// its earliest open next step.
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

/** The earliest open next step per contact (when it is due and what it is), for the given contacts. */
export async function openNextSteps(
  db: Db,
  contactIds: ContactId[],
): Promise<Map<ContactId, { dueAt: number; step: string | null }>> {
  const map = new Map<ContactId, { dueAt: number; step: string | null }>();
  if (contactIds.length === 0) return map;
  const rows = await db
    .selectFrom('touchpoints')
    .select(['contact_id', 'next_step_due_at', 'next_step'])
    .where('contact_id', 'in', contactIds)
    .where('next_step_due_at', 'is not', null)
    .where('next_step_done_at', 'is', null)
    .orderBy('next_step_due_at')
    .execute();
  for (const r of rows) {
    if (r.contact_id && r.next_step_due_at !== null && !map.has(r.contact_id)) {
      map.set(r.contact_id, { dueAt: r.next_step_due_at, step: r.next_step });
    }
  }
  return map;
}

/**
 * Sets each contact's `next_step_due_at` from the log: when its earliest open next step is due,
 * or null. Called wherever a step is added, done or moved to another contact.
 */
export async function refreshNextStepDue(db: Db, contactIds: readonly ContactId[]): Promise<void> {
  if (contactIds.length === 0) return;
  await db
    .updateTable('contacts')
    .set((eb) => ({
      next_step_due_at: eb
        .selectFrom('touchpoints')
        .select((t) => t.fn.min<number | null>('touchpoints.next_step_due_at').as('due'))
        .whereRef('touchpoints.contact_id', '=', 'contacts.id')
        .where('touchpoints.next_step_due_at', 'is not', null)
        .where('touchpoints.next_step_done_at', 'is', null),
    }))
    .where('id', 'in', contactIds)
    .execute();
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
