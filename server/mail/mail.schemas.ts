// What the mailer accepts: a message from another feature (a booking, an invite), checked before
// it is written to the outbox so that a bad message fails where it is made, with a clear error.
import { z } from 'zod';
import { CALENDAR_METHODS } from '../../shared/api/outbox.js';
import type { CalendarMethod } from '../../shared/api/outbox.js';
import type { BookingId, UserId } from '../../shared/ids.js';
import { mailAddressPartsSchema, mailAddressSchema } from './address.js';

/** Longest subject accepted. */
export const MAX_SUBJECT = 300;
/** Largest text or HTML body accepted (characters). */
export const MAX_BODY = 1_000_000;
/** Largest calendar file accepted (characters). */
export const MAX_ICS = 256_000;

/** A message to send, as callers build it. */
export interface MailMessage {
  /** The seller the message belongs to (their outbox shows it); omit for system mail. */
  sellerId?: UserId | null;
  /** The booking the message is about, if any: erasing its guest erases the message too. */
  bookingId?: BookingId | null;
  /** `name@example.com`, `Name <name@example.com>`, or the parts. */
  to: string | { name?: string | null; address: string };
  subject: string;
  text: string;
  html?: string | null;
  /** A calendar invitation (see server/booking/invite.ts) sent as its text/calendar part. */
  calendar?: { method: CalendarMethod; ics: string } | null;
}

const METHOD_LINE = /^METHOD:(.*?)\r?$/m;

const calendarSchema = z
  .object({
    method: z.enum(CALENDAR_METHODS),
    ics: z
      .string()
      .max(MAX_ICS)
      .refine((ics) => ics.startsWith('BEGIN:VCALENDAR'), 'must be an iCalendar text'),
  })
  // The text/calendar part's method parameter and the file's METHOD must agree, or calendar
  // clients treat the invitation as broken.
  .superRefine((calendar, ctx) => {
    const method = METHOD_LINE.exec(calendar.ics)?.[1];
    if (method !== calendar.method) {
      ctx.addIssue({
        code: 'custom',
        path: ['ics'],
        message: `the ICS says METHOD:${method ?? '(none)'}, but the method is ${calendar.method}`,
      });
    }
  });

/** Checks a message; its output is what the outbox stores. */
export const mailMessageSchema = z.object({
  sellerId: z
    .custom<UserId>((v) => typeof v === 'string' && v !== '', 'must be a user id')
    .nullish()
    .transform((s) => s ?? null),
  bookingId: z
    .custom<BookingId>((v) => typeof v === 'string' && v !== '', 'must be a booking id')
    .nullish()
    .transform((s) => s ?? null),
  to: z.union([mailAddressSchema, mailAddressPartsSchema]),
  subject: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_SUBJECT)
    .refine((s) => !/\p{Cc}/u.test(s), 'must be one line without control characters'),
  text: z.string().min(1, 'must not be empty').max(MAX_BODY),
  html: z
    .string()
    .max(MAX_BODY)
    .nullish()
    .transform((s) => s ?? null),
  calendar: calendarSchema.nullish().transform((c) => c ?? null),
}) satisfies z.ZodType<unknown, MailMessage>;

/** A checked message. */
export type CheckedMailMessage = z.output<typeof mailMessageSchema>;
