// Routes for growing the team: the owner invites sellers by link, a seller accepts, the owner sees members.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app.js';
import { presentInvite, presentMember, presentUser } from './account.presenters.js';
import {
  acceptInviteBodySchema,
  createInviteBodySchema,
  inviteIdParamsSchema,
  tokenParamsSchema,
} from './account.schemas.js';
import { acceptInvite, createInvite, findPendingInvite, revokeInvite } from './account.service.js';
import { requireOwner } from './auth.js';
import { listPendingInvites } from './invite.repository.js';
import { signIn } from './session.js';
import { listMembers } from './user.repository.js';

/** The invites and team sub-app, registered inside the accounts routes. */
export function inviteRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const inviteUrl = (token: string) => `${ctx.config.publicUrl}/invite/${token}`;
  return async (app) => {
    app.post('/invites', { schema: { body: createInviteBodySchema } }, async (req, reply) => {
      const owner = requireOwner(req);
      const { invite, token } = await createInvite(ctx.db, ctx.clock, {
        createdBy: owner.id,
        email: req.body.email,
        validDays: ctx.config.inviteDays,
      });
      return reply.status(201).send({ invite: presentInvite(invite, inviteUrl(token)) });
    });

    app.get('/invites', async (req) => {
      requireOwner(req);
      const invites = await listPendingInvites(ctx.db, ctx.clock.now());
      return { invites: invites.map((row) => presentInvite(row)) };
    });

    app.delete('/invites/:id', { schema: { params: inviteIdParamsSchema } }, async (req, reply) => {
      requireOwner(req);
      await revokeInvite(ctx.db, req.params.id);
      return reply.status(204).send();
    });

    app.get('/invites/:token', { schema: { params: tokenParamsSchema } }, async (req) => {
      const invite = await findPendingInvite(ctx.db, ctx.clock, req.params.token);
      return { valid: invite !== undefined, email: invite?.email ?? null };
    });

    app.post(
      '/invites/:token/accept',
      { schema: { params: tokenParamsSchema, body: acceptInviteBodySchema } },
      async (req, reply) => {
        const user = await acceptInvite(ctx.db, ctx.clock, {
          ...req.body,
          token: req.params.token,
        });
        await signIn(ctx, req, reply, user.id);
        return reply.status(201).send({ user: presentUser(user) });
      },
    );

    app.get('/team', async (req) => {
      requireOwner(req);
      const members = await listMembers(ctx.db);
      return { members: members.map((row) => presentMember(row, ctx.config.publicUrl)) };
    });
  };
}
