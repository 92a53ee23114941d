// Routes of the booking feature. Seller side (signed in): booking settings, meeting types, the
// upcoming bookings and cancelling one. Guest side (no account, rate limited per address): the
// booking page, free slots, booking a slot, and the manage link's look, move and cancel.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { BookedView } from '../../shared/api/booking.js';
import {
  bookingSettingsInputSchema,
  guestBookingInputSchema,
  meetingTypeInputSchema,
  rescheduleInputSchema,
} from '../../shared/booking.js';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import {
  manageLinks,
  presentBooking,
  presentBookingPage,
  presentBookingSettings,
  presentManagedBooking,
  presentMeetingType,
} from './booking.presenters.js';
import { listBookingRecords } from './booking.repository.js';
import {
  bookingIdParamsSchema,
  bookingPageParamsSchema,
  bookingTypeParamsSchema,
  listBookingsQuerySchema,
  manageTokenParamsSchema,
  meetingTypeIdParamsSchema,
  slotWindowQuerySchema,
} from './booking.schemas.js';
import { bookSlot, getBookingPage, listSlots } from './booking.service.js';
import type { BookingDeps } from './booking.service.js';
import {
  cancelBySeller,
  cancelByToken,
  findBookingByToken,
  rescheduleByToken,
} from './manage.service.js';
import { listMeetingTypes } from './meeting-type.repository.js';
import { notifyNobody } from './notify.js';
import {
  createMeetingType,
  deleteMeetingType,
  getBookingSettings,
  replaceMeetingType,
  saveSettings,
} from './settings.service.js';

// Groups these routes in the OpenAPI description at /api/docs.
const tags = ['booking'];
const MINUTE_MS = 60_000;

/** The booking sub-app, mounted under /api. */
export function bookingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, clock } = ctx;
  const { publicUrl } = ctx.config;
  const deps: BookingDeps = {
    db,
    clock,
    publicUrl,
    // Looked up per event, so that the hook can be connected after the app is built.
    notify: (trx, event) => (ctx.notifyBooking ?? notifyNobody)(trx, event),
    // The e-mails written inside the booking's transaction are visible to the mailer only now.
    afterCommit: () => ctx.mailer.kick(),
  };
  // Per guest address; the error handler turns the plugin's 429 into `rate_limited`.
  const writeLimit = {
    rateLimit: { max: ctx.config.bookingMaxPerMinute, timeWindow: MINUTE_MS },
  };
  const readLimit = {
    rateLimit: { max: ctx.config.bookingMaxPerMinute * 6, timeWindow: MINUTE_MS },
  };

  return async (app) => {
    // Seller side: each seller keeps their own settings and meeting types.
    app.get('/booking/settings', { schema: { tags } }, async (req) => {
      const user = requireUser(req);
      return { settings: presentBookingSettings(await getBookingSettings(db, user.id), publicUrl) };
    });

    app.put(
      '/booking/settings',
      { schema: { tags, body: bookingSettingsInputSchema } },
      async (req) => {
        const user = requireUser(req);
        const record = await saveSettings(db, clock, { sellerId: user.id, input: req.body });
        return { settings: presentBookingSettings(record, publicUrl) };
      },
    );

    app.get('/booking/meeting-types', { schema: { tags } }, async (req) => {
      const user = requireUser(req);
      const [{ handle }, rows] = await Promise.all([
        getBookingSettings(db, user.id),
        listMeetingTypes(db, user.id, { activeOnly: false }),
      ]);
      return { meetingTypes: rows.map((row) => presentMeetingType(row, handle, publicUrl)) };
    });

    app.post(
      '/booking/meeting-types',
      { schema: { tags, body: meetingTypeInputSchema } },
      async (req, reply) => {
        const user = requireUser(req);
        const row = await createMeetingType(db, clock, { sellerId: user.id, input: req.body });
        const { handle } = await getBookingSettings(db, user.id);
        return reply.status(201).send({ meetingType: presentMeetingType(row, handle, publicUrl) });
      },
    );

    app.put(
      '/booking/meeting-types/:id',
      { schema: { tags, params: meetingTypeIdParamsSchema, body: meetingTypeInputSchema } },
      async (req) => {
        const user = requireUser(req);
        const row = await replaceMeetingType(db, clock, {
          sellerId: user.id,
          id: req.params.id,
          input: req.body,
        });
        const { handle } = await getBookingSettings(db, user.id);
        return { meetingType: presentMeetingType(row, handle, publicUrl) };
      },
    );

    app.delete(
      '/booking/meeting-types/:id',
      { schema: { tags, params: meetingTypeIdParamsSchema } },
      async (req, reply) => {
        const user = requireUser(req);
        await deleteMeetingType(db, clock, { sellerId: user.id, id: req.params.id });
        return reply.status(204).send();
      },
    );

    // A seller sees their own bookings; the account owner sees every seller's.
    app.get(
      '/bookings',
      { schema: { tags, querystring: listBookingsQuerySchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const records = await listBookingRecords(db, viewer, {
          from: req.query.from ?? clock.now(),
          limit: req.query.limit,
          includeCancelled: req.query.cancelled,
        });
        return { bookings: records.map((r) => presentBooking(r, publicUrl)) };
      },
    );

    app.post(
      '/bookings/:id/cancel',
      { schema: { tags, params: bookingIdParamsSchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const record = await cancelBySeller(deps, { viewer, bookingId: req.params.id });
        return { booking: presentBooking(record, publicUrl) };
      },
    );

    // Guest side: no account; the handle, the meeting type's slug or the manage token is the key.
    app.get(
      '/book/:handle',
      { schema: { tags, params: bookingPageParamsSchema }, config: readLimit },
      async (req) => {
        const { page, types } = await getBookingPage(db, req.params.handle);
        return { page: presentBookingPage(page, types) };
      },
    );

    app.get(
      '/book/:handle/:type/slots',
      {
        schema: { tags, params: bookingTypeParamsSchema, querystring: slotWindowQuerySchema },
        config: readLimit,
      },
      async (req) =>
        listSlots(db, clock, { handle: req.params.handle, slug: req.params.type, ...req.query }),
    );

    app.post(
      '/book/:handle/:type',
      {
        schema: { tags, params: bookingTypeParamsSchema, body: guestBookingInputSchema },
        config: writeLimit,
      },
      async (req, reply) => {
        const { record, token } = await bookSlot(deps, {
          handle: req.params.handle,
          slug: req.params.type,
          input: req.body,
        });
        const view: BookedView = {
          booking: presentManagedBooking(record, publicUrl, clock.now()),
          manageUrl: manageLinks(publicUrl, token).url,
        };
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/bookings/manage/:token',
      { schema: { tags, params: manageTokenParamsSchema }, config: readLimit },
      async (req) => {
        const record = await findBookingByToken(db, req.params.token);
        return { booking: presentManagedBooking(record, publicUrl, clock.now()) };
      },
    );

    app.post(
      '/bookings/manage/:token/cancel',
      { schema: { tags, params: manageTokenParamsSchema }, config: writeLimit },
      async (req) => {
        const record = await cancelByToken(deps, { token: req.params.token });
        return { booking: presentManagedBooking(record, publicUrl, clock.now()) };
      },
    );

    app.post(
      '/bookings/manage/:token/reschedule',
      {
        schema: { tags, params: manageTokenParamsSchema, body: rescheduleInputSchema },
        config: writeLimit,
      },
      async (req) => {
        const record = await rescheduleByToken(deps, {
          token: req.params.token,
          start: req.body.start,
        });
        return { booking: presentManagedBooking(record, publicUrl, clock.now()) };
      },
    );
  };
}
