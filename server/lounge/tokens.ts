// Resume tokens: a participant's signed claim to its place in a room, so that a dropped socket or
// a restarted server can hand the same PeerId back. Signed with HMAC-SHA256 under the server secret.
import { z } from 'zod';
import type { PeerId, RoomId, UserId } from '../../shared/ids.js';
import { roleSchema } from '../../shared/protocol/signaling.js';
import type { Role } from '../../shared/protocol/signaling.js';
import { signClaims, verifyClaims } from '../lib/signed-token.js';

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

/** Signs claims into a token (see server/lib/signed-token.ts). */
export function signResumeToken(secret: Buffer, claims: ResumeClaims): string {
  return signClaims(secret, PURPOSE, { v: 1, ...claims });
}

/** Returns the claims of a genuine, unexpired token, or null for anything else. */
export function verifyResumeToken(secret: Buffer, token: string, now: number): ResumeClaims | null {
  const c = verifyClaims(secret, PURPOSE, token, claimsSchema, now);
  if (!c) return null;
  return {
    roomId: c.roomId as RoomId,
    peerId: c.peerId as PeerId,
    name: c.name,
    role: c.role,
    userId: c.userId as UserId | null,
    exp: c.exp,
  };
}
