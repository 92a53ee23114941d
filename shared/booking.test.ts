// Validation of availability and meeting-type timing: formats, ranges and their messages.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { availabilitySchema, meetingTypeTimingSchema } from './booking.js';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const availability = {
  timeZone: 'Europe/Berlin',
  weeklyHours: { mon: nineToFive, tue: nineToFive, wed: [], thu: [], fri: [], sat: [], sun: [] },
  overrides: [{ date: '2026-12-24', intervals: [] }],
};
const timing = {
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 120,
  horizonDays: 60,
  slotStepMinutes: 15,
};

/** The messages of a failed parse, or [] when it succeeds. */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

const withDay = (tue: unknown) => ({
  ...availability,
  weeklyHours: { ...availability.weeklyHours, tue },
});

describe('availabilitySchema', () => {
  it('accepts weekly hours, overrides, touching intervals and 24:00 as an end', () => {
    expect(messages(availabilitySchema, availability)).toEqual([]);
    const touching = withDay([
      { from: '13:00', to: '24:00' },
      { from: '00:00', to: '13:00' },
    ]);
    expect(messages(availabilitySchema, touching)).toEqual([]);
  });

  it('refuses times that are not HH:MM', () => {
    expect(messages(availabilitySchema, withDay([{ from: '9:00', to: '17:00' }]))).toEqual([
      'expected HH:MM',
    ]);
    expect(messages(availabilitySchema, withDay([{ from: '24:00', to: '24:00' }]))).toContain(
      'expected HH:MM',
    );
    expect(messages(availabilitySchema, withDay([{ from: '09:00', to: '17:60' }]))).toEqual([
      'expected HH:MM (24:00 ends the day)',
    ]);
  });

  it('refuses an interval that does not end after it starts, and overlapping intervals', () => {
    expect(messages(availabilitySchema, withDay([{ from: '17:00', to: '09:00' }]))).toEqual([
      'an interval must end after it starts',
    ]);
    expect(messages(availabilitySchema, withDay([{ from: '09:00', to: '09:00' }]))).toEqual([
      'an interval must end after it starts',
    ]);
    const overlapping = withDay([
      { from: '12:00', to: '17:00' },
      { from: '09:00', to: '12:30' },
    ]);
    expect(messages(availabilitySchema, overlapping)).toEqual([
      'intervals on one day must not overlap',
    ]);
  });

  it('refuses an unknown time zone, a missing weekday, bad dates and a date given twice', () => {
    expect(messages(availabilitySchema, { ...availability, timeZone: 'Mars/Olympus' })).toEqual([
      'expected an IANA time zone such as "Europe/Berlin"',
    ]);
    const sixDays: Record<string, unknown> = { ...availability.weeklyHours };
    delete sixDays.sun;
    expect(messages(availabilitySchema, { ...availability, weeklyHours: sixDays })).toHaveLength(1);
    for (const date of ['2026-02-29', '2026-13-01', '24.12.2026']) {
      expect(
        messages(availabilitySchema, { ...availability, overrides: [{ date, intervals: [] }] }),
      ).toEqual(['expected a date YYYY-MM-DD']);
    }
    const twice = [
      { date: '2026-12-24', intervals: [] },
      { date: '2026-12-24', intervals: nineToFive },
    ];
    expect(messages(availabilitySchema, { ...availability, overrides: twice })).toEqual([
      'one override per date',
    ]);
  });
});

describe('meetingTypeTimingSchema', () => {
  it('accepts the bounds and makes a missing daily limit null', () => {
    expect(meetingTypeTimingSchema.parse(timing).dailyLimit).toBeNull();
    const bounds = {
      durationMinutes: 480,
      bufferBeforeMinutes: 240,
      bufferAfterMinutes: 0,
      minimumNoticeMinutes: 30 * 24 * 60,
      horizonDays: 365,
      slotStepMinutes: 5,
      dailyLimit: 1,
    };
    expect(meetingTypeTimingSchema.parse(bounds)).toEqual(bounds);
  });

  it.each([
    [{ durationMinutes: 4 }, 'the duration must be at least 5 minutes'],
    [{ durationMinutes: 481 }, 'the duration must be at most 480 minutes'],
    [{ durationMinutes: 30.5 }, 'the duration must be a whole number of minutes'],
    [{ bufferBeforeMinutes: -1 }, 'the buffer before must be at least 0 minutes'],
    [{ bufferAfterMinutes: 241 }, 'the buffer after must be at most 240 minutes'],
    [{ minimumNoticeMinutes: 43_201 }, 'the minimum notice must be at most 43200 minutes'],
    [{ horizonDays: 0 }, 'the horizon must be at least 1 day'],
    [{ horizonDays: 366 }, 'the horizon must be at most 365 days'],
    [{ slotStepMinutes: 4 }, 'the slot step must be at least 5 minutes'],
    [{ slotStepMinutes: 241 }, 'the slot step must be at most 240 minutes'],
    [{ dailyLimit: 0 }, 'the daily limit must be at least 1'],
  ])('refuses %o with "%s"', (change, message) => {
    expect(messages(meetingTypeTimingSchema, { ...timing, ...change })).toEqual([message]);
  });
});
