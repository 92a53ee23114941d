// Routes of the accounts feature: setup of the owner, sign-in and sign-out, the session, and
// (through invite.routes.ts) invites and the team.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app.js';
import { presentUser } from './account.presenters.js';
import { loginBodySchema, setupBodySchema, tokenParamsSchema } from './account.schemas.js';
import { authenticate, createOwner, isSetupOpen } from './account.service.js';
import { inviteRoutes } from './invite.routes.js';
import { signIn, signOut } from './session.js';

/** The accounts sub-app, mounted under /api. */
export function accountRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/session', async (req) => ({ user: req.user ? presentUser(req.user) : null }));

    app.get('/setup/:token', { schema: { params: tokenParamsSchema } }, async (req) => ({
      valid: await isSetupOpen(ctx.db, req.params.token),
    }));

    app.post('/setup', { schema: { body: setupBodySchema } }, async (req, reply) => {
      const user = await createOwner(ctx.db, ctx.clock, req.body);
      await signIn(ctx, req, reply, user.id);
      return reply.status(201).send({ user: presentUser(user) });
    });

    app.post(
      '/login',
      {
        schema: { body: loginBodySchema },
        // Per client IP; the error handler turns the plugin's 429 into `rate_limited`.
        config: { rateLimit: { max: ctx.config.loginMaxPerMinute, timeWindow: 60_000 } },
      },
      async (req, reply) => {
        const user = await authenticate(ctx.db, req.body);
        await signIn(ctx, req, reply, user.id);
        return { user: presentUser(user) };
      },
    );

    app.post('/logout', async (req, reply) => {
      await signOut(ctx, req, reply);
      return reply.status(204).send();
    });

    await app.register(inviteRoutes(ctx));
  };
}
