// What a booking adds to the seller's relationship memory: the guest as a contact (matched by
// e-mail, then phone, among the seller's own contacts, else created), a planned `meeting`
// touchpoint at the booked time, and a personal lounge link made for this meeting.
import { contactInputSchema } from '../../shared/contacts.js';
import type { CompanyId, ContactId, RoomId, TouchpointId, UserId } from '../../shared/ids.js';
import { createContact } from '../contacts/contact.service.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/random.js';
import { insertTouchpoints } from '../touchpoints/touchpoint.repository.js';

/** The guest as the booking form gave them (e-mail lower-case, phone in E.164). */
export interface GuestDetails {
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  timeZone: string;
  /** The language the guest booked in; a new contact gets it as theirs. */
  language: string;
}

/** The seller's contact a booking belongs to. */
export interface GuestContact {
  id: ContactId;
  companyId: CompanyId | null;
  /** False when an existing contact matched. */
  created: boolean;
}

/**
 * Finds the seller's own contact with the guest's e-mail, else with their phone (the oldest one
 * when several match), else creates one owned by the seller. A matched contact is left as it is:
 * the seller's memory is theirs to edit.
 */
export async function matchOrCreateContact(
  db: Db,
  clock: Clock,
  sellerId: UserId,
  guest: GuestDetails,
): Promise<GuestContact> {
  const byEmail = await db
    .selectFrom('contact_emails')
    .innerJoin('contacts', 'contacts.id', 'contact_emails.contact_id')
    .select(['contacts.id', 'contacts.company_id'])
    .where('contacts.owner_id', '=', sellerId)
    .where('contact_emails.email', '=', guest.email)
    .orderBy('contacts.created_at')
    .orderBy('contacts.id')
    .executeTakeFirst();
  const phone = guest.phone;
  const match =
    byEmail ??
    (phone === null
      ? undefined
      : await db
          .selectFrom('contact_phones')
          .innerJoin('contacts', 'contacts.id', 'contact_phones.contact_id')
          .select(['contacts.id', 'contacts.company_id'])
          .where('contacts.owner_id', '=', sellerId)
          .where('contact_phones.e164', '=', phone)
          .orderBy('contacts.created_at')
          .orderBy('contacts.id')
          .executeTakeFirst());
  if (match) return { id: match.id, companyId: match.company_id, created: false };

  const input = contactInputSchema.parse({
    name: guest.name,
    companyName: guest.company,
    emails: [guest.email],
    timeZone: guest.timeZone,
    language: guest.language,
  });
  const phones = phone === null ? [] : [phone];
  const record = await createContact(db, clock, {
    viewer: { id: sellerId, isOwner: false },
    input: { ...input, phones },
    phones,
  });
  return { id: record.row.id, companyId: record.row.company_id, created: true };
}

/** Props of addPlannedMeeting. */
export interface PlannedMeetingProps {
  sellerId: UserId;
  contact: GuestContact;
  /** The seller's personal room, which the lounge link opens. */
  roomId: RoomId;
  start: number;
  durationMs: number;
  /** The meeting type's name, as the touchpoint's summary. */
  summary: string;
}

/**
 * Adds the booked meeting to the contact's timeline as a planned `meeting` touchpoint at its start
 * and makes a personal lounge link for it. The contact's last touch stays: nothing has happened
 * yet. Returns the touchpoint id and the link's id and token.
 */
export async function addPlannedMeeting(
  db: Db,
  clock: Clock,
  props: PlannedMeetingProps,
): Promise<{ touchpointId: TouchpointId; linkId: string; linkToken: string }> {
  const now = clock.now();
  const touchpointId = newId<TouchpointId>();
  await insertTouchpoints(db, [
    {
      id: touchpointId,
      contact_id: props.contact.id,
      company_id: props.contact.companyId,
      author_id: props.sellerId,
      kind: 'meeting',
      occurred_at: props.start,
      duration_ms: props.durationMs,
      summary: props.summary,
      next_step: null,
      next_step_due_at: null,
      next_step_done_at: null,
      meeting_id: null,
      created_at: now,
    },
  ]);
  const linkId = newId();
  const linkToken = newToken();
  await db
    .insertInto('contact_links')
    .values({
      id: linkId,
      contact_id: props.contact.id,
      room_id: props.roomId,
      token: linkToken,
      created_at: now,
      revoked_at: null,
    })
    .execute();
  return { touchpointId, linkId, linkToken };
}

/**
 * Moves a booking's planned touchpoint to its new start. A planned touchpoint is not yet history,
 * so this is no exception to the log being append-only.
 */
export async function movePlannedMeeting(
  db: Db,
  touchpointId: TouchpointId,
  start: number,
  durationMs: number,
): Promise<void> {
  await db
    .updateTable('touchpoints')
    .set({ occurred_at: start, duration_ms: durationMs })
    .where('id', '=', touchpointId)
    .execute();
}

/** Drops a cancelled booking's planned touchpoint and revokes its lounge link. */
export async function dropPlannedMeeting(
  db: Db,
  clock: Clock,
  refs: { touchpointId: TouchpointId | null; linkId: string | null },
): Promise<void> {
  if (refs.touchpointId !== null) {
    await db.deleteFrom('touchpoints').where('id', '=', refs.touchpointId).execute();
  }
  if (refs.linkId !== null) {
    await db
      .updateTable('contact_links')
      .set({ revoked_at: clock.now() })
      .where('id', '=', refs.linkId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
