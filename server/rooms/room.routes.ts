// Routes of the rooms feature. Filled in by the rooms work.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app.js';

/** The rooms sub-app, mounted under /api. */
export function roomRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
