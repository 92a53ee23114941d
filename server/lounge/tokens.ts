// Resume tokens: a participant's signed claim to its place in a room, so that a dropped socket or
// a restarted server can hand the same PeerId back. Signed with HMAC-SHA256 under the server secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PeerId, RoomId, UserId } from '../../shared/ids.js';
import { roleSchema } from '../../shared/protocol/signaling.js';
import type { Role } from '../../shared/protocol/signaling.js';

/** How long a resume token stays valid: longer than any sales call. */
export const RESUME_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

/** What a resume token asserts about its holder. */
export interface ResumeClaims {
  roomId: RoomId;
  peerId: PeerId;
  name: string;
  role: Role;
  userId: UserId | null;
  /** Expiry in epoch milliseconds. */
  exp: number;
}

const claimsSchema = z.object({
  v: z.literal(1),
  roomId: z.string().min(1).max(64),
  peerId: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  role: roleSchema,
  userId: z.string().min(1).max(64).nullable(),
  exp: z.number().int(),
});

// Domain separation: the server secret also signs other things, which must never pass as tokens.
const PURPOSE = 'nahbar.resume.v1';

function sign(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}.${payload}`).digest();
}

/** Signs claims into a token: base64url(JSON) "." base64url(HMAC). */
export function signResumeToken(secret: Buffer, claims: ResumeClaims): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, ...claims }), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** Returns the claims of a genuine, unexpired token, or null for anything else. */
export function verifyResumeToken(secret: Buffer, token: string, now: number): ResumeClaims | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = sign(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= now) return null;
  const c = parsed.data;
  return {
    roomId: c.roomId as RoomId,
    peerId: c.peerId as PeerId,
    name: c.name,
    role: c.role,
    userId: c.userId as UserId | null,
    exp: c.exp,
  };
}
