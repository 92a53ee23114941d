// Input schemas of the booking routes that concern the slot engine; handler types derive from them.
// Availability and meeting-type timing are edited by the client too, so theirs live in shared/booking.ts.
import { z } from 'zod';

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
