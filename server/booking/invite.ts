// The calendar invitation of a booking (pure): one VEVENT in an iTIP message (RFC 5546). A new or
// moved booking is a REQUEST, a cancelled one a CANCEL. Calendars match the versions of one
// booking by UID and keep the one with the highest SEQUENCE, so the UID never changes and every
// change (reschedule, cancel) comes with a higher SEQUENCE. Times are written in UTC (…Z).
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { CalendarMethod } from '../../shared/api/outbox.js';

/** A person in an invitation. */
export interface InvitationPerson {
  name: string;
  email: string;
}

/** Everything one version of a booking's invitation says. */
export interface InvitationInput {
  /** Stable for the booking across all its versions, e.g. `<booking id>@<host>`. */
  uid: string;
  /** 0 for the first invitation; each reschedule or cancel sends a higher number. */
  sequence: number;
  /** REQUEST for a new or moved meeting, CANCEL when it is called off. */
  method: CalendarMethod;
  /** Start and end, epoch milliseconds. */
  start: number;
  end: number;
  /** When this version was issued (DTSTAMP), epoch milliseconds: the clock's now. */
  stamp: number;
  summary: string;
  /** Text of the event; carries the reschedule and cancel links. */
  description: string;
  /** The lounge link, shown as the meeting's place. */
  location: string;
  /** The lounge link again, as the event's URL. */
  url: string;
  /** The seller. */
  organizer: InvitationPerson;
  /** The guest who booked. */
  attendee: InvitationPerson;
}

const LINE_BREAK = /[\r\n]/;

/** Builds the iCalendar text (CRLF lines, folded at 75 octets) of one version of an invitation. */
export function buildInvitation(input: InvitationInput): string {
  checkInvitation(input);
  const calendar = ical({
    prodId: { company: 'Nahbar', product: 'Nahbar', language: 'EN' },
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    start: new Date(input.start),
    end: new Date(input.end),
    stamp: new Date(input.stamp),
    summary: input.summary,
    description: input.description,
    location: input.location,
    url: input.url,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        // The guest picked the time themselves: accepted already, no reply asked of them.
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  // Every content line ends with CRLF (RFC 5545 3.1), the last one included.
  return `${calendar.toString().replace(/(\r\n)?$/, '')}\r\n`;
}

// Mistakes of the calling code, named so that they are found at once.
function checkInvitation(input: InvitationInput): void {
  if (input.uid.trim() === '' || LINE_BREAK.test(input.uid)) {
    throw new RangeError('invitation uid must be one non-empty line');
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError(`invitation sequence must be a whole number ≥ 0, not ${input.sequence}`);
  }
  for (const [name, value] of [
    ['start', input.start],
    ['end', input.end],
    ['stamp', input.stamp],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`invitation ${name} must be epoch milliseconds, not ${value}`);
    }
  }
  if (input.end <= input.start) {
    throw new RangeError('invitation end must lie after its start');
  }
}
