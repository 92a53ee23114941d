// DSGVO/GDPR per contact: export everything stored about a person, and erase it for good. Both
// are written to the audit log, which holds ids only, so an erasure leaves nothing behind but the
// entry saying that it happened.
import type { BookingAnswer } from '../../shared/api/booking.js';
import type { ContactView, TouchpointView } from '../../shared/api/contacts.js';
import type { ContactId, UserId } from '../../shared/ids.js';
import { presentContact } from '../contacts/contact.presenters.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { deleteContactRow } from '../contacts/contact.repository.js';
import { getOwnedContact } from '../contacts/contact.service.js';
import { removeSearchDoc } from '../contacts/search.repository.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { exportableContact } from '../imports/contact-export.service.js';
import { exportVcards } from '../imports/export.js';
import { presentTouchpoint } from '../touchpoints/touchpoint.presenters.js';

/** Audited actions. */
export const AuditAction = {
  ContactExported: 'contact.exported',
  ContactErased: 'contact.erased',
} as const;

/** Appends an entry to the audit log. */
export async function audit(
  db: Db,
  clock: Clock,
  entry: { actorId: UserId; action: string; subjectKind: string; subjectId: string },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: clock.now(),
      actor_id: entry.actorId,
      action: entry.action,
      subject_kind: entry.subjectKind,
      subject_id: entry.subjectId,
    })
    .execute();
}

/** Everything Nahbar stores about one person. */
export interface ContactExport {
  exportedAt: number;
  contact: ContactView;
  touchpoints: TouchpointView[];
  /** Lounge meetings the person attended through a personal link. */
  meetings: { meetingId: string; name: string; joinedAt: number; leftAt: number | null }[];
  personalLinks: { createdAt: number; revokedAt: number | null }[];
  /** Meetings the person booked on the seller's booking page, with what they entered. */
  bookings: BookingExport[];
  /** E-mails about those bookings (to the person, or about them to the seller). */
  mails: {
    bookingId: string;
    to: string;
    subject: string;
    createdAt: number;
    sentAt: number | null;
  }[];
  /** The contact as a vCard 3.0, for address books. */
  vcard: string;
}

/** A booking in a person's export. */
export interface BookingExport {
  id: string;
  meetingType: string;
  start: number;
  end: number;
  status: 'confirmed' | 'cancelled';
  guest: {
    name: string;
    email: string;
    company: string | null;
    phone: string | null;
    message: string | null;
    timeZone: string;
    language: string;
  };
  answers: BookingAnswer[];
  createdAt: number;
  cancelledAt: number | null;
  cancelledBy: 'guest' | 'seller' | null;
}

// The bookings made as this contact (also those a merge brought to it).
function contactBookingIds(db: Db, contactId: ContactId) {
  return db.selectFrom('bookings').select('id').where('contact_id', '=', contactId);
}

/** Collects everything stored about a contact the viewer owns, and audits the export. */
export async function exportContact(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  contactId: ContactId,
): Promise<ContactExport> {
  const record = await getOwnedContact(db, viewer, contactId);
  const [touchpoints, meetings, links, bookings, mails] = await Promise.all([
    db
      .selectFrom('touchpoints')
      .selectAll()
      .where('contact_id', '=', contactId)
      .orderBy('occurred_at')
      .execute(),
    db
      .selectFrom('meeting_participants')
      .select(['meeting_id', 'name', 'joined_at', 'left_at'])
      .where('contact_id', '=', contactId)
      .orderBy('joined_at')
      .execute(),
    db
      .selectFrom('contact_links')
      .select(['created_at', 'revoked_at'])
      .where('contact_id', '=', contactId)
      .execute(),
    db
      .selectFrom('bookings')
      .innerJoin('meeting_types', 'meeting_types.id', 'bookings.meeting_type_id')
      .selectAll('bookings')
      .select('meeting_types.name as type_name')
      .where('bookings.contact_id', '=', contactId)
      .orderBy('bookings.starts_at')
      .execute(),
    db
      .selectFrom('outbox')
      .select(['booking_id', 'to_address', 'subject', 'created_at', 'sent_at'])
      .where('booking_id', 'in', contactBookingIds(db, contactId))
      .orderBy('created_at')
      .execute(),
  ]);
  await audit(db, clock, {
    actorId: viewer.id,
    action: AuditAction.ContactExported,
    subjectKind: 'contact',
    subjectId: contactId,
  });
  const contact = presentContact(record, viewer);
  return {
    exportedAt: clock.now(),
    contact,
    vcard: exportVcards([exportableContact(contact)]),
    touchpoints: touchpoints.map(presentTouchpoint),
    meetings: meetings.map((m) => ({
      meetingId: m.meeting_id,
      name: m.name,
      joinedAt: m.joined_at,
      leftAt: m.left_at,
    })),
    personalLinks: links.map((l) => ({ createdAt: l.created_at, revokedAt: l.revoked_at })),
    bookings: bookings.map((b) => ({
      id: b.id,
      meetingType: b.type_name,
      start: b.starts_at,
      end: b.ends_at,
      status: b.status,
      guest: {
        name: b.guest_name,
        email: b.guest_email,
        company: b.guest_company,
        phone: b.guest_phone,
        message: b.guest_message,
        timeZone: b.guest_time_zone,
        language: b.guest_language,
      },
      answers: JSON.parse(b.answers) as BookingAnswer[],
      createdAt: b.created_at,
      cancelledAt: b.cancelled_at,
      cancelledBy: b.cancelled_by,
    })),
    mails: mails.map((m) => ({
      bookingId: m.booking_id ?? '',
      to: m.to_address,
      subject: m.subject,
      createdAt: m.created_at,
      sentAt: m.sent_at,
    })),
  };
}

/**
 * Erases a contact the viewer owns: the contact with its e-mails, phones, tags, personal links,
 * touchpoints and bookings (with their reminders and e-mails, sent or not), its search document,
 * and its presence in meeting records (the name the person gave). What stays is the audit entry
 * that says it was erased.
 */
export async function eraseContact(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  contactId: ContactId,
): Promise<void> {
  await getOwnedContact(db, viewer, contactId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('meeting_participants').where('contact_id', '=', contactId).execute();
    await trx.deleteFrom('touchpoints').where('contact_id', '=', contactId).execute();
    // The foreign keys would cascade these from the contact, but erasure says what it erases.
    const bookingIds = contactBookingIds(trx, contactId);
    await trx.deleteFrom('outbox').where('booking_id', 'in', bookingIds).execute();
    await trx.deleteFrom('booking_reminders').where('booking_id', 'in', bookingIds).execute();
    await trx.deleteFrom('bookings').where('contact_id', '=', contactId).execute();
    await removeSearchDoc(trx, 'contact', contactId);
    await deleteContactRow(trx, contactId);
    await audit(trx, clock, {
      actorId: viewer.id,
      action: AuditAction.ContactErased,
      subjectKind: 'contact',
      subjectId: contactId,
    });
  });
}
