// Routes of the outbox: the messages Nahbar sent or kept, and the invitation a message carries.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OutboxPageView } from '../../shared/api/outbox.js';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import { presentOutboxMessage } from './outbox.presenters.js';
import { listOutboxQuerySchema, outboxIdParamsSchema } from './outbox.schemas.js';
import { getOutboxInvitation, listOutbox } from './outbox.service.js';

const tags = ['outbox'];

/** The outbox sub-app, mounted under /api. */
export function outboxRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/outbox',
      {
        schema: {
          tags,
          summary: 'E-mails sent or kept (own; the owner sees all), newest first',
          querystring: listOutboxQuerySchema,
        },
      },
      async (req): Promise<OutboxPageView> => {
        const viewer = viewerOf(requireUser(req));
        const { rows, hasMore } = await listOutbox(ctx.db, { viewer, ...req.query });
        return { messages: rows.map(presentOutboxMessage), hasMore };
      },
    );

    app.get(
      '/outbox/:id/ics',
      {
        schema: {
          tags,
          summary: "A message's calendar invitation as an .ics file",
          params: outboxIdParamsSchema,
        },
      },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const invitation = await getOutboxInvitation(ctx.db, { viewer, id: req.params.id });
        return reply
          .header('content-type', `text/calendar; charset=utf-8; method=${invitation.method}`)
          .header('content-disposition', 'attachment; filename="invite.ics"')
          .header('cache-control', 'private, no-store')
          .send(invitation.ics);
      },
    );
  };
}
