// Input schemas of the contacts routes; handler types are derived from them.
import { z } from 'zod';
import { tagSchema, TOUCHPOINT_KINDS } from '../../shared/contacts.js';
import type { ContactId, TouchpointId } from '../../shared/ids.js';

const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id');

/** Path parameters naming a contact. */
export const contactIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as ContactId),
});

/** Query of GET /api/contacts. */
export const listContactsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Query of GET /api/search. */
export const searchQuerySchema = z.object({
  q: z.string().max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Body of POST /api/contacts/:id/touchpoints. */
export const logTouchpointBodySchema = z.object({
  kind: z.enum(TOUCHPOINT_KINDS).exclude(['meeting']),
  occurredAt: z.number().int().min(0).optional(),
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .nullish(),
  summary: z.string().trim().max(4000).default(''),
  nextStep: z.string().trim().max(500).nullish(),
  nextStepDueAt: z.number().int().min(0).nullish(),
});

/** Body of POST /api/contacts/:id/snooze: 1 day, 1 week, or awake again (0). */
export const snoozeBodySchema = z.object({
  days: z.union([z.literal(0), z.literal(1), z.literal(7)]),
});

/** Body of POST /api/contacts/merge: the record to keep and the one merged into it. */
export const mergeBodySchema = z.object({
  keepId: opaqueId.transform((s) => s as ContactId),
  mergeId: opaqueId.transform((s) => s as ContactId),
});

/** Path parameters naming a touchpoint. */
export const touchpointIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as TouchpointId),
});

/** Path parameters naming a tag (trimmed and lower-cased like a contact's tags). */
export const tagParamsSchema = z.object({ tag: tagSchema });

/** Body of PUT /api/tag-cadences/:tag. */
export const tagCadenceBodySchema = z.object({ days: z.number().int().min(1).max(3650) });
