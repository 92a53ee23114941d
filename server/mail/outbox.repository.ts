// Queries of the outbox. Sending is at most once per claim: a message is claimed with one UPDATE
// that only succeeds while it is unsent and due, and the claim pushes its due time past the
// attempt, so that no second sender (another round, another process) takes it meanwhile.
import type { OutboxMessageId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import type { NewOutboxRow, OutboxRow } from './outbox.table.js';

/** Writes a new message. */
export async function insertOutboxMessage(db: Db, row: NewOutboxRow): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/** A message by id, whoever it belongs to; callers check visibility. */
export async function findOutboxMessage(
  db: Db,
  id: OutboxMessageId,
): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tells whether a viewer may see a message: their own, or any for the account owner. */
export function canSeeOutboxMessage(viewer: Viewer, row: OutboxRow): boolean {
  return viewer.isOwner || row.seller_id === viewer.id;
}

/** A page of the messages a viewer may see, newest first. */
export async function listOutboxMessages(
  db: Db,
  viewer: Viewer,
  page: { limit: number; offset: number },
): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (!viewer.isOwner) query = query.where('seller_id', '=', viewer.id);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Ids of unsent SMTP messages whose next attempt is due at `now`, the longest-waiting first. */
export async function findDueOutboxIds(
  db: Db,
  now: number,
  limit: number,
): Promise<OutboxMessageId[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('next_attempt_at', 'is not', null)
    .where('next_attempt_at', '<=', now)
    .where('sent_at', 'is', null)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims a due, unsent message for one attempt: counts the attempt and moves its due time to
 * `claimUntil`. Returns the row, or undefined when it is sent, not due, or claimed by another.
 */
export async function claimOutboxMessage(
  db: Db,
  props: { id: OutboxMessageId; now: number; claimUntil: number },
): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: props.claimUntil }))
    .where('id', '=', props.id)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', 'is not', null)
    .where('next_attempt_at', '<=', props.now)
    .returningAll()
    .executeTakeFirst();
}

/** Records that the SMTP server accepted a message: it is never due again. */
export async function markOutboxSent(
  db: Db,
  props: { id: OutboxMessageId; sentAt: number },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ sent_at: props.sentAt, next_attempt_at: null, error: null })
    .where('id', '=', props.id)
    .where('sent_at', 'is', null)
    .execute();
}

/** Records a failed attempt and when to try again (null: never, the attempts are used up). */
export async function markOutboxFailed(
  db: Db,
  props: { id: OutboxMessageId; error: string; nextAttemptAt: number | null },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ error: props.error, next_attempt_at: props.nextAttemptAt })
    .where('id', '=', props.id)
    .where('sent_at', 'is', null)
    .execute();
}
