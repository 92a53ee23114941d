// DSGVO/GDPR per contact: export everything stored about a person, and erase it for good. Both
// are written to the audit log, which holds ids only, so an erasure leaves nothing behind but the
// entry saying that it happened.
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
  /** The contact as a vCard 3.0, for address books. */
  vcard: string;
}

/** Collects everything stored about a contact the viewer owns, and audits the export. */
export async function exportContact(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  contactId: ContactId,
): Promise<ContactExport> {
  const record = await getOwnedContact(db, viewer, contactId);
  const [touchpoints, meetings, links] = await Promise.all([
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
  };
}

/**
 * Erases a contact the viewer owns: the contact with its e-mails, phones, tags, personal links,
 * touchpoints and bookings, its search document, and its presence in meeting records (the name
 * the person gave). What stays is the audit entry that says it was erased.
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
