// Routes of the rooms feature: a seller's own rooms, and the public lookup behind a room link.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { findLinkedContact } from '../contacts/link.service.js';
import { presentPublicRoom, presentRoom } from './room.presenters.js';
import { listRoomsOfOwner } from './room.repository.js';
import {
  changeRoomBodySchema,
  createRoomBodySchema,
  roomHandleParamsSchema,
  publicRoomQuerySchema,
  roomIdParamsSchema,
} from './room.schemas.js';
import { archiveRoom, changeRoom, createNamedRoom, findPublicRoom } from './room.service.js';

/** The rooms sub-app, mounted under /api. */
export function roomRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { publicUrl } = ctx.config;
  return async (app) => {
    // Everyone, the owner of the account included, sees only the rooms they host.
    app.get('/rooms', async (req) => {
      const user = requireUser(req);
      const rooms = await listRoomsOfOwner(ctx.db, user.id);
      return { rooms: rooms.map((row) => presentRoom(row, publicUrl)) };
    });

    app.post('/rooms', { schema: { body: createRoomBodySchema } }, async (req, reply) => {
      const user = requireUser(req);
      const room = await createNamedRoom(ctx.db, ctx.clock, { ownerId: user.id, ...req.body });
      return reply.status(201).send({ room: presentRoom(room, publicUrl) });
    });

    app.patch(
      '/rooms/:id',
      { schema: { params: roomIdParamsSchema, body: changeRoomBodySchema } },
      async (req) => {
        const user = requireUser(req);
        const room = await changeRoom(ctx.db, {
          roomId: req.params.id,
          userId: user.id,
          ...req.body,
        });
        // Participants hear of the new mode, and an opened room admits its waiting guests.
        await ctx.lounge.refreshRoom(room.id);
        return { room: presentRoom(room, publicUrl) };
      },
    );

    app.delete('/rooms/:id', { schema: { params: roomIdParamsSchema } }, async (req, reply) => {
      const user = requireUser(req);
      await archiveRoom(ctx.db, ctx.clock, { roomId: req.params.id, userId: user.id });
      await ctx.lounge.refreshRoom(req.params.id);
      return reply.status(204).send();
    });

    app.get(
      '/rooms/public/:handle',
      { schema: { params: roomHandleParamsSchema, querystring: publicRoomQuerySchema } },
      async (req) => {
        const room = await findPublicRoom(ctx.db, req.params.handle);
        // A personal link greets its contact by name; anything else is a plain room link.
        const linked = req.query.c ? await findLinkedContact(ctx.db, req.query.c, room.id) : null;
        return {
          room: presentPublicRoom(room, req.user?.id === room.owner_id, linked?.name ?? null),
        };
      },
    );
  };
}
