// Limits and validations that both sides enforce, so the client can tell the user before the server refuses.
import { z } from 'zod';

/** Largest signaling frame the server accepts, in bytes. */
export const MAX_SIGNAL_FRAME_BYTES = 64 * 1024;
/** Longest chat message, in characters. */
export const MAX_CHAT_LENGTH = 2000;
/** Longest hold message a host can send to a waiting guest. */
export const MAX_HOLD_MESSAGE_LENGTH = 200;
/** Longest display name. */
export const MAX_NAME_LENGTH = 60;
/** Shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (argon2 does not need more, and it bounds hashing cost). */
export const MAX_PASSWORD_LENGTH = 256;

/** A display name: trimmed, 1 to 60 characters, no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_NAME_LENGTH)
  .regex(/^[^\p{Cc}]+$/u, 'control characters are not allowed');

/** A room handle as it appears in `/r/<handle>`: lowercase letters, digits and inner dashes. */
export const roomHandleSchema = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'invalid room handle');

/** The three lobby modes of a room. */
export const ROOM_MODES = ['knock', 'open', 'locked'] as const;
/** Lobby mode of a room: knock (default), open (walk in) or locked (no new knocks). */
export type RoomMode = (typeof ROOM_MODES)[number];
/** Validates a room mode. */
export const roomModeSchema = z.enum(ROOM_MODES);

/** The token of a contact's personal room link (`/r/<handle>?c=<token>`). */
export const personalLinkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid link');

/** A password that meets the length rule. */
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

/** An e-mail address, lowercased for comparison. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((s) => s.toLowerCase());
