// Input schemas of the booking routes: the slot window, path parameters and list queries; handler
// types derive from them. Settings, meeting types and the guest's form are edited by the client
// too, so theirs live in shared/booking.ts.
import { z } from 'zod';
import type { BookingId, MeetingTypeId } from '../../shared/ids.js';

/** Longest window of slots one request may ask for, in days (a month view with room to spare). */
export const MAX_SLOT_WINDOW_DAYS = 62;

const DAY_MS = 86_400_000;
// The window checks run only on valid instants, so a bad value reports just its own problem.
const whenValid = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/** An instant as UTC epoch milliseconds, from a query string or a JSON body (years 1970–2999). */
export const epochMsSchema = z.coerce
  .number('expected epoch milliseconds')
  .int('expected whole epoch milliseconds')
  .min(0, 'expected an instant after 1970')
  .max(Date.UTC(3000, 0, 1), 'expected an instant before 3000');

/** Query of the slots route: slots that start in [from, to), at most 62 days. */
export const slotWindowQuerySchema = z
  .object({ from: epochMsSchema, to: epochMsSchema })
  .refine((w) => w.to > w.from, {
    message: '"to" must be after "from"',
    path: ['to'],
    when: whenValid,
  })
  .refine((w) => w.to - w.from <= MAX_SLOT_WINDOW_DAYS * DAY_MS, {
    message: `the window may span at most ${MAX_SLOT_WINDOW_DAYS} days`,
    path: ['to'],
    when: whenValid,
  });
/** A validated slot window. */
export type SlotWindowQuery = z.infer<typeof slotWindowQuerySchema>;

const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id');

/** Path parameters naming a meeting type. */
export const meetingTypeIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as MeetingTypeId),
});

/** Path parameters naming a booking. */
export const bookingIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as BookingId),
});

/** Path parameters of a booking page; any string, since unknown handles are a 404. */
export const bookingPageParamsSchema = z.object({ handle: z.string().max(200) });

/** Path parameters naming a meeting type on a booking page; unknown ones are a 404. */
export const bookingTypeParamsSchema = z.object({
  handle: z.string().max(200),
  type: z.string().max(200),
});

/** Path parameters of the manage routes; a malformed token is as unknown as a wrong one (404). */
export const manageTokenParamsSchema = z.object({ token: z.string().max(200) });

/** Query of GET /api/bookings: bookings that end after `from` (default now), soonest first. */
export const listBookingsQuerySchema = z.object({
  from: epochMsSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  /** Also list cancelled bookings ("true"/"false"). */
  cancelled: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
