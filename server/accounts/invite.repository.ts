// Seller invites in the database. Only the SHA-256 of an invite token is stored.
import type { UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { InviteRow } from './account.table.js';

/** Inserts an invite. */
export async function insertInvite(db: Db, row: InviteRow): Promise<void> {
  await db.insertInto('invites').values(row).execute();
}

/** Lists invites that are neither accepted nor expired, newest first. */
export async function listPendingInvites(db: Db, now: number): Promise<InviteRow[]> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Finds an invite that can still be accepted, by the hash of its token. */
export async function findPendingInviteByTokenHash(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<InviteRow | undefined> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Marks a pending invite as accepted by a user. Returns false when it was accepted, revoked or
 * expired in the meantime; the conditional update makes two racing acceptances yield one winner.
 */
export async function claimInvite(
  db: Db,
  props: { id: string; userId: UserId; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ accepted_at: props.now, accepted_user_id: props.userId })
    .where('id', '=', props.id)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', props.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes an invite that was not accepted yet; returns false when there was none. */
export async function deletePendingInvite(db: Db, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('invites')
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
