// Input schemas of the outbox routes; handler types are derived from them.
import { z } from 'zod';
import type { OutboxMessageId } from '../../shared/ids.js';

const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id');

/** Query of GET /api/outbox: a page, newest first. */
export const listOutboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Path parameters naming an outbox message. */
export const outboxIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as OutboxMessageId),
});
