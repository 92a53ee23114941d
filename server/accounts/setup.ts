// The one-time setup link that creates the owner on a fresh installation.
import type { Db } from '../db/database.js';
import { deleteSetting, readSetting, writeSetting } from '../db/settings.js';
import { hashToken, newToken } from '../lib/random.js';

const SETUP_KEY = 'setup_token_hash';

/** True while no owner exists, i.e. the installation still needs its setup link. */
export async function needsSetup(db: Db): Promise<boolean> {
  const owner = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return owner === undefined;
}

/**
 * Creates a fresh setup token when no owner exists yet and returns the link to print;
 * returns null once the owner exists. A new start replaces the previous, unused token.
 */
export async function issueSetupLink(db: Db, publicUrl: string): Promise<string | null> {
  if (!(await needsSetup(db))) return null;
  const token = newToken();
  await writeSetting(db, SETUP_KEY, hashToken(token));
  return `${publicUrl}/setup/${token}`;
}

/** True when the token is the current setup token. */
export async function isValidSetupToken(db: Db, token: string): Promise<boolean> {
  const stored = await readSetting(db, SETUP_KEY);
  return stored !== undefined && stored === hashToken(token);
}

/** Consumes the setup token after the owner was created. */
export async function consumeSetupToken(db: Db): Promise<void> {
  await deleteSetting(db, SETUP_KEY);
}

/**
 * Consumes the setup token only if it is the given one; returns false otherwise. Run it inside the
 * owner-creating transaction: the conditional delete lets only one of two racing setups through.
 */
export async function claimSetupToken(db: Db, token: string): Promise<boolean> {
  const result = await db
    .deleteFrom('settings')
    .where('key', '=', SETUP_KEY)
    .where('value', '=', hashToken(token))
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
