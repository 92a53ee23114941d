// Reading the outbox: a seller sees their own messages, the account owner sees all of them
// (system mail included). Another seller's message does not exist for the viewer.
import type { CalendarMethod } from '../../shared/api/outbox.js';
import type { OutboxMessageId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import { NotFound } from '../errors.js';
import { canSeeOutboxMessage, findOutboxMessage, listOutboxMessages } from './outbox.repository.js';
import type { OutboxRow } from './outbox.table.js';

/** A page of the viewer's outbox, newest first, and whether older messages follow. */
export async function listOutbox(
  db: Db,
  props: { viewer: Viewer; limit: number; offset: number },
): Promise<{ rows: OutboxRow[]; hasMore: boolean }> {
  const rows = await listOutboxMessages(db, props.viewer, {
    limit: props.limit + 1,
    offset: props.offset,
  });
  return { rows: rows.slice(0, props.limit), hasMore: rows.length > props.limit };
}

/** The calendar invitation of a message the viewer may see; NotFound otherwise. */
export async function getOutboxInvitation(
  db: Db,
  props: { viewer: Viewer; id: OutboxMessageId },
): Promise<{ method: CalendarMethod; ics: string }> {
  const row = await findOutboxMessage(db, props.id);
  if (!row || !canSeeOutboxMessage(props.viewer, row)) throw new NotFound('No such message');
  if (row.ics === null || row.ics_method === null) {
    throw new NotFound('This message carries no calendar invitation', 'no_invitation');
  }
  return { method: row.ics_method, ics: row.ics };
}
