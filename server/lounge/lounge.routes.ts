// The signaling WebSocket endpoint; everything after the upgrade belongs to the Lounge.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SIGNALING_PATH } from '../../shared/protocol/signaling.js';
import type { AppContext } from '../app.js';

/** Mounts the signaling socket. */
export function loungeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(SIGNALING_PATH, { websocket: true }, (socket, req) => {
      ctx.lounge.accept(socket, { user: req.user, ip: req.ip });
    });
  };
}
