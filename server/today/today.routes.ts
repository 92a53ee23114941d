// Routes of the Today list: the seller's start page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import { buildToday } from './today.service.js';

/** The Today sub-app, mounted under /api. */
export function todayRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/today', async (req) => buildToday(ctx.db, ctx.clock, viewerOf(requireUser(req))));
  };
}
