// Routes of the accounts feature (setup, login, logout, invites). Filled in by the accounts work.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app.js';

/** The accounts sub-app, mounted under /api. */
export function accountRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/session', async (req) => ({ user: req.user ? { name: req.user.name } : null }));
  };
}
