// Personal links: one link per contact to their seller's personal room (`/r/<handle>?c=<token>`).
// The pre-join page greets the person by name, the host sees who is knocking (name and company),
// and the meeting becomes that contact's touchpoint.
import type { ContactId, RoomId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/random.js';
import { roomUrl } from '../rooms/room.presenters.js';
import type { Viewer } from './contact.repository.js';
import { getOwnedContact } from './contact.service.js';

/** Who a personal link belongs to, as the lounge needs it. */
export interface LinkedContact {
  /** The personal link itself (a booking names the link it made). */
  linkId: string;
  contactId: ContactId;
  name: string;
  companyName: string | null;
}

/**
 * Returns the contact's personal link to its owner's personal room, creating it on first use
 * (the same link every time, so the one the customer has keeps working).
 */
export async function personalLinkUrl(
  db: Db,
  clock: Clock,
  props: { viewer: Viewer; contactId: ContactId; publicUrl: string },
): Promise<string> {
  const contact = await getOwnedContact(db, props.viewer, props.contactId);
  const room = await db
    .selectFrom('rooms')
    .select(['id', 'handle'])
    .where('owner_id', '=', contact.row.owner_id)
    .where('personal', '=', 1)
    .executeTakeFirstOrThrow();
  let link = await db
    .selectFrom('contact_links')
    .select('token')
    .where('contact_id', '=', props.contactId)
    .where('room_id', '=', room.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!link) {
    link = { token: newToken() };
    await db
      .insertInto('contact_links')
      .values({
        id: newId(),
        contact_id: props.contactId,
        room_id: room.id,
        token: link.token,
        created_at: clock.now(),
        revoked_at: null,
      })
      .execute();
  }
  return `${roomUrl(props.publicUrl, room.handle)}?c=${encodeURIComponent(link.token)}`;
}

/** Finds the contact behind a live personal link to this room; null for unknown or revoked links. */
export async function findLinkedContact(
  db: Db,
  token: string,
  roomId: RoomId,
): Promise<LinkedContact | null> {
  const row = await db
    .selectFrom('contact_links')
    .innerJoin('contacts', 'contacts.id', 'contact_links.contact_id')
    .leftJoin('companies', 'companies.id', 'contacts.company_id')
    .select([
      'contact_links.id as linkId',
      'contacts.id as contactId',
      'contacts.name as name',
      'companies.name as companyName',
    ])
    .where('contact_links.token', '=', token)
    .where('contact_links.room_id', '=', roomId)
    .where('contact_links.revoked_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        linkId: row.linkId,
        contactId: row.contactId,
        name: row.name,
        companyName: row.companyName,
      }
    : null;
}
