// Server-wide settings kept in the database: the signing secret and the one-time setup token.
import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/** Reads one setting, or undefined. */
export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

/** Writes one setting, replacing any earlier value. */
export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Deletes one setting. */
export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}

/**
 * Returns the server's signing secret, creating it on first use. It is kept in the database
 * so that tokens signed before a restart (resumable call sessions) stay valid after it.
 */
export async function loadServerSecret(db: Db): Promise<Buffer> {
  const existing = await readSetting(db, 'server_secret');
  if (existing) return Buffer.from(existing, 'base64');
  const secret = randomBytes(32).toString('base64');
  await db
    .insertInto('settings')
    .values({ key: 'server_secret', value: secret })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another process may have won the race; read back what is stored.
  return Buffer.from((await readSetting(db, 'server_secret')) ?? secret, 'base64');
}
