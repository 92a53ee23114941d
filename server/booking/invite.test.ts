import { describe, expect, it } from 'vitest';
import { parseInvitation } from '../test/ics.js';
import { buildInvitation } from './invite.js';
import type { InvitationInput } from './invite.js';

const MIN = 60_000;
const LOUNGE = 'https://nahbar.test/r/olga-owner';
const RESCHEDULE = 'https://nahbar.test/b/reschedule?t=Ab-12_x;y,z';
const CANCEL = 'https://nahbar.test/b/cancel?t=Ab-12_x';

/** The first invitation of a booking: Tuesday 1 December 2026, 10:00–10:20 in Berlin. */
const request: InvitationInput = {
  uid: 'bk_3xYzQ9v2@nahbar.test',
  sequence: 0,
  method: 'REQUEST',
  start: Date.UTC(2026, 11, 1, 9, 0),
  end: Date.UTC(2026, 11, 1, 9, 20),
  stamp: Date.UTC(2026, 10, 28, 9, 0),
  summary: 'Kennenlernen, 20 min: Olga Owner und Gabi Gast',
  description: `Zum Gespräch: ${LOUNGE}\nVerschieben: ${RESCHEDULE}\nAbsagen: ${CANCEL}`,
  location: LOUNGE,
  url: LOUNGE,
  organizer: { name: 'Olga Owner', email: 'olga@example.test' },
  attendee: { name: 'Gabi Gast, Müller GmbH', email: 'gabi@example.test' },
};

describe('booking invitation', () => {
  it('is a REQUEST with one confirmed event, its times in UTC, that ical.js reads back field by field', () => {
    const ics = buildInvitation(request);
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toMatch(/^DTSTART:20261201T090000Z\r$/m);
    expect(ics).toMatch(/^DTEND:20261201T092000Z\r$/m);
    expect(ics).toMatch(/^DTSTAMP:20261128T090000Z\r$/m);
    expect(parseInvitation(ics)).toEqual({
      method: 'REQUEST',
      eventCount: 1,
      uid: 'bk_3xYzQ9v2@nahbar.test',
      sequence: 0,
      start: Date.UTC(2026, 11, 1, 9, 0),
      end: Date.UTC(2026, 11, 1, 9, 20),
      stamp: Date.UTC(2026, 10, 28, 9, 0),
      utc: { start: true, end: true, stamp: true },
      status: 'CONFIRMED',
      summary: 'Kennenlernen, 20 min: Olga Owner und Gabi Gast',
      // Commas, semicolons and line breaks survive escaping: the links still work.
      description: `Zum Gespräch: ${LOUNGE}\nVerschieben: ${RESCHEDULE}\nAbsagen: ${CANCEL}`,
      location: LOUNGE,
      url: LOUNGE,
      organizer: { name: 'Olga Owner', email: 'olga@example.test' },
      attendees: [
        {
          name: 'Gabi Gast, Müller GmbH',
          email: 'gabi@example.test',
          partstat: 'ACCEPTED',
          role: 'REQ-PARTICIPANT',
          rsvp: 'FALSE',
        },
      ],
    });
  });

  it('keeps the UID on a reschedule and carries SEQUENCE + 1 and the new times', () => {
    const first = parseInvitation(buildInvitation(request));
    const moved = parseInvitation(
      buildInvitation({
        ...request,
        sequence: 1,
        start: request.start + 2 * 24 * 60 * MIN,
        end: request.end + 2 * 24 * 60 * MIN + 25 * MIN,
        stamp: request.stamp + 60 * MIN,
      }),
    );
    expect(moved.method).toBe('REQUEST');
    expect(moved.uid).toBe(first.uid);
    expect(moved.sequence).toBe(first.sequence + 1);
    expect(moved.start).toBe(Date.UTC(2026, 11, 3, 9, 0));
    expect(moved.end).toBe(Date.UTC(2026, 11, 3, 9, 45));
    expect(moved.stamp).toBeGreaterThan(first.stamp);
    expect(moved.utc).toEqual({ start: true, end: true, stamp: true });
    expect(moved.status).toBe('CONFIRMED');
  });

  it('cancels with METHOD:CANCEL, the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const cancel = parseInvitation(
      buildInvitation({ ...request, method: 'CANCEL', sequence: 2, stamp: request.stamp + MIN }),
    );
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      eventCount: 1,
      uid: request.uid,
      sequence: 2,
      status: 'CANCELLED',
      start: request.start,
      end: request.end,
    });
    // RFC 5546: a CANCEL names the attendees whose event it removes.
    expect(cancel.attendees.map((a) => a.email)).toEqual(['gabi@example.test']);
  });

  it('writes the same text for the same input (DTSTAMP comes from the input, not the clock)', () => {
    expect(buildInvitation(request)).toBe(buildInvitation({ ...request }));
  });

  it('refuses an end before the start, a broken uid and a negative sequence with clear errors', () => {
    expect(() => buildInvitation({ ...request, end: request.start })).toThrow(
      'invitation end must lie after its start',
    );
    expect(() => buildInvitation({ ...request, uid: 'a\r\nMETHOD:PUBLISH' })).toThrow(
      'invitation uid must be one non-empty line',
    );
    expect(() => buildInvitation({ ...request, sequence: -1 })).toThrow(
      'invitation sequence must be a whole number ≥ 0, not -1',
    );
    expect(() => buildInvitation({ ...request, start: Number.NaN })).toThrow(
      'invitation start must be epoch milliseconds, not NaN',
    );
  });
});
