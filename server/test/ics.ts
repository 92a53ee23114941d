// Reads a calendar invitation back with a real iCalendar parser (ical.js), field by field, so
// that tests check what a calendar client would see rather than the text we wrote.
import ICAL from 'ical.js';

/** A person as an invitation names them. */
export interface ParsedPerson {
  name: string | null;
  /** The address without `mailto:`, lower case. */
  email: string;
}

/** What one VEVENT of an iTIP message says. */
export interface ParsedInvitation {
  method: string | null;
  /** VEVENTs in the calendar (an invitation of Nahbar's has exactly one). */
  eventCount: number;
  uid: string;
  sequence: number;
  /** Times as epoch ms, and whether each was written in UTC (…Z). */
  start: number;
  end: number;
  stamp: number;
  utc: { start: boolean; end: boolean; stamp: boolean };
  status: string | null;
  summary: string;
  description: string;
  location: string;
  url: string | null;
  organizer: ParsedPerson;
  attendees: (ParsedPerson & {
    partstat: string | null;
    role: string | null;
    rsvp: string | null;
  })[];
}

/** Parses an ICS text with ical.js; throws when it is not valid iCalendar. */
export function parseInvitation(ics: string): ParsedInvitation {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const events = calendar.getAllSubcomponents('vevent');
  const vevent = events[0];
  if (!vevent) throw new Error('the calendar has no VEVENT');
  const event = new ICAL.Event(vevent);
  const time = (name: string) => {
    const value = vevent.getFirstPropertyValue(name);
    if (!(value instanceof ICAL.Time)) throw new Error(`${name.toUpperCase()} is not a date-time`);
    return { ms: value.toJSDate().getTime(), utc: value.zone === ICAL.Timezone.utcTimezone };
  };
  const start = time('dtstart');
  const end = time('dtend');
  const stamp = time('dtstamp');
  const person = (prop: ICAL.Property): ParsedPerson => ({
    name: (prop.getParameter('cn') as string | undefined) ?? null,
    email: String(prop.getFirstValue())
      .replace(/^mailto:/i, '')
      .toLowerCase(),
  });
  const organizer = vevent.getFirstProperty('organizer');
  if (!organizer) throw new Error('the event has no ORGANIZER');
  const text = (name: string) => {
    const value = vevent.getFirstPropertyValue(name);
    return typeof value === 'string' ? value : null;
  };
  return {
    method: (calendar.getFirstPropertyValue('method') as string | null) ?? null,
    eventCount: events.length,
    uid: event.uid,
    sequence: event.sequence,
    start: start.ms,
    end: end.ms,
    stamp: stamp.ms,
    utc: { start: start.utc, end: end.utc, stamp: stamp.utc },
    status: text('status'),
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: text('url'),
    organizer: person(organizer),
    attendees: event.attendees.map((a) => ({
      ...person(a),
      partstat: (a.getParameter('partstat') as string | undefined) ?? null,
      role: (a.getParameter('role') as string | undefined) ?? null,
      rsvp: (a.getParameter('rsvp') as string | undefined) ?? null,
    })),
  };
}
