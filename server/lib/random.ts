// Random identifiers and secret tokens, and the hash under which tokens are stored.
import { createHash, randomBytes } from 'node:crypto';

// Ids are drawn from a pool of CSPRNG bytes: one call per 256 ids instead of one per id, which
// matters when an import creates 100,000 contacts (each call costs several microseconds).
const ID_BYTES = 16;
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** A new random id: 22 url-safe characters (128 bits). */
export function newId<T extends string = string>(): T {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * POOL_IDS);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id as T;
}

/** A new secret token for links and cookies: 43 url-safe characters (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token in hex; tokens are stored only in this form. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
