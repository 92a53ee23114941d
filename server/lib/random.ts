// Random identifiers and secret tokens, and the hash under which tokens are stored.
import { createHash, randomBytes } from 'node:crypto';

/** A new random id: 22 url-safe characters (128 bits). */
export function newId<T extends string = string>(): T {
  return randomBytes(16).toString('base64url') as T;
}

/** A new secret token for links and cookies: 43 url-safe characters (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token in hex; tokens are stored only in this form. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
