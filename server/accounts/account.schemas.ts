// Input schemas of the accounts routes; handler types are derived from them.
import { z } from 'zod';
import {
  displayNameSchema,
  emailSchema,
  MAX_PASSWORD_LENGTH,
  passwordSchema,
} from '../../shared/limits.js';

/** An opaque database id in a path. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id');

/** Path parameters of a link token. */
export const tokenParamsSchema = z.object({ token: z.string().max(200) });

/** Body of POST /api/setup. */
export const setupBodySchema = z.object({
  token: z.string().max(200),
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});

/** Body of POST /api/login; the length rule is not repeated here, so old passwords still work. */
export const loginBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** Body of POST /api/invites. */
export const createInviteBodySchema = z.object({ email: emailSchema.optional() });

/** Path parameters of DELETE /api/invites/:id. */
export const inviteIdParamsSchema = z.object({ id: idSchema });

/** Body of POST /api/invites/:token/accept. */
export const acceptInviteBodySchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
