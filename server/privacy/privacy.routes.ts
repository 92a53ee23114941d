// Routes of the privacy feature: a person's data export and erasure.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import { contactIdParamsSchema } from '../contacts/contact.schemas.js';
import { eraseContact, exportContact } from './privacy.service.js';

/** The privacy sub-app, mounted under /api. */
export function privacyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, clock } = ctx;
  return async (app) => {
    app.get(
      '/contacts/:id/export',
      { schema: { params: contactIdParamsSchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const data = await exportContact(db, clock, viewer, req.params.id);
        return reply
          .header('content-disposition', `attachment; filename="contact-${req.params.id}.json"`)
          .send(data);
      },
    );

    app.delete(
      '/contacts/:id',
      { schema: { params: contactIdParamsSchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        await eraseContact(db, clock, viewer, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
