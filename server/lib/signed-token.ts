// Signed, expiring claims: base64url(JSON) "." base64url(HMAC-SHA256) under the server secret,
// with a purpose string mixed into the MAC so that a token made for one use never passes as
// another. Used for resumable call sessions and for machine panels shared into a call.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

function mac(secret: Buffer, purpose: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}.${payload}`).digest();
}

/** Signs claims (which must carry their expiry as `exp`, epoch ms) for one purpose. */
export function signClaims<T extends { exp: number }>(
  secret: Buffer,
  purpose: string,
  claims: T,
): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

/** The claims of a genuine, unexpired token of this purpose that match the schema; else null. */
export function verifyClaims<T extends { exp: number }>(
  secret: Buffer,
  purpose: string,
  token: string,
  schema: z.ZodType<T>,
  now: number,
): T | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(secret, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= now) return null;
  return parsed.data;
}
