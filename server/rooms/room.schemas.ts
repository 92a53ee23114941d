// Input schemas of the rooms routes; handler types are derived from them.
import { z } from 'zod';
import type { RoomId } from '../../shared/ids.js';
import { personalLinkTokenSchema, roomHandleSchema, roomModeSchema } from '../../shared/limits.js';

/** Longest room name. */
export const MAX_ROOM_NAME_LENGTH = 80;

/** A room's display name: trimmed, 1 to 80 characters, no control characters. */
export const roomNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_ROOM_NAME_LENGTH)
  .regex(/^[^\p{Cc}]+$/u, 'control characters are not allowed');

/** Path parameters naming a room by id. */
export const roomIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id')
    .transform((s) => s as RoomId),
});

/** Body of POST /api/rooms. */
export const createRoomBodySchema = z.object({
  name: roomNameSchema,
  handle: z.string().trim().toLowerCase().pipe(roomHandleSchema).optional(),
});

/** Body of PATCH /api/rooms/:id: a new name, a new mode, or both. */
export const changeRoomBodySchema = z
  .object({ name: roomNameSchema.optional(), mode: roomModeSchema.optional() })
  .refine((body) => body.name !== undefined || body.mode !== undefined, {
    message: 'give a name or a mode',
  });

/** Query of the public room lookup: the token of a personal link, if the guest came through one. */
export const publicRoomQuerySchema = z.object({
  // Anything else than a well-formed token is ignored rather than refused: the room still opens.
  c: z
    .string()
    .max(200)
    .optional()
    .transform((c) => (c && personalLinkTokenSchema.safeParse(c).success ? c : undefined)),
});

/** Path parameters of the public room lookup; any string, since unknown handles are a 404. */
export const roomHandleParamsSchema = z.object({ handle: z.string().max(200) });
