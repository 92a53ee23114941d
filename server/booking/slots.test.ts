// The slot engine's rules: the working-hours grid, notice, horizon, daily limits, date overrides,
// existing bookings with buffers (checked against brute force), and the exact-start check.
// Time zones and daylight saving have their own suite in slots.time-zones.test.ts.
import { describe, expect, it } from 'vitest';
import {
  booking,
  NINE_TO_FIVE,
  slotRules,
  slotsBetween,
  startsIn,
  startsUtc,
  utc,
} from '../test/slot-fixtures.js';
import type { ExistingBooking } from './slots.js';
import { computeSlots, findBookableSlot } from './slots.js';

const BERLIN = 'Europe/Berlin';
// Tuesday 2 June 2026, all day in Berlin (CEST, UTC+2).
const TUESDAY = ['2026-06-01T22:00Z', '2026-06-02T22:00Z'] as const;

describe('working hours and the slot grid', () => {
  it('offers every 30-minute start from 09:00 to 16:30 on weekdays and none at the weekend', () => {
    const slots = slotsBetween('2026-06-05T00:00Z', '2026-06-09T00:00Z');
    expect(slots).toHaveLength(32);
    expect(slots[0]).toEqual({ start: utc('2026-06-05T07:00Z'), end: utc('2026-06-05T07:30Z') });
    expect(slots[15]).toEqual({ start: utc('2026-06-05T14:30Z'), end: utc('2026-06-05T15:00Z') });
    expect(slots[16]!.start).toBe(utc('2026-06-08T07:00Z'));
    expect(slots.every((s, i) => i === 0 || slots[i - 1]!.start < s.start)).toBe(true);
  });

  it('counts the grid from the start of each interval and keeps meetings inside it', () => {
    const slots = slotsBetween(...TUESDAY, {
      hours: {
        tue: [
          { from: '09:10', to: '12:00' },
          { from: '13:00', to: '15:00' },
        ],
      },
      type: { durationMinutes: 45 },
    });
    expect(startsIn(slots, BERLIN)).toEqual([
      '09:10',
      '09:40',
      '10:10',
      '10:40',
      '11:10',
      '13:00',
      '13:30',
      '14:00',
    ]);
  });

  it('merges intervals that touch, so a meeting may run across the seam', () => {
    const slots = slotsBetween(...TUESDAY, {
      hours: {
        tue: [
          { from: '10:00', to: '11:00' },
          { from: '09:00', to: '10:00' },
        ],
      },
      type: { durationMinutes: 60 },
    });
    expect(startsIn(slots, BERLIN)).toEqual(['09:00', '09:30', '10:00']);
  });

  it('uses a step shorter or longer than the meeting', () => {
    const short = slotsBetween(...TUESDAY, {
      hours: { tue: [{ from: '09:00', to: '10:00' }] },
      type: { durationMinutes: 30, slotStepMinutes: 15 },
    });
    expect(startsIn(short, BERLIN)).toEqual(['09:00', '09:15', '09:30']);
    const long = slotsBetween(...TUESDAY, {
      hours: { tue: [{ from: '09:00', to: '12:00' }] },
      type: { durationMinutes: 20, slotStepMinutes: 50 },
    });
    expect(startsIn(long, BERLIN)).toEqual(['09:00', '09:50', '10:40', '11:30']);
  });

  it('selects slots by their start within the window', () => {
    const slots = slotsBetween('2026-06-02T07:45Z', '2026-06-02T09:00Z');
    expect(startsIn(slots, BERLIN)).toEqual(['10:00', '10:30']);
  });

  it('offers nothing for an empty or reversed window', () => {
    expect(slotsBetween('2026-06-02T09:00Z', '2026-06-02T09:00Z')).toEqual([]);
    expect(slotsBetween('2026-06-03T00:00Z', '2026-06-02T00:00Z')).toEqual([]);
  });

  it('offers a whole day to a seller working 00:00–24:00', () => {
    const slots = slotsBetween('2026-06-01T00:00Z', '2026-06-04T00:00Z', {
      hours: { tue: [{ from: '00:00', to: '24:00' }] },
      type: { durationMinutes: 60, slotStepMinutes: 60 },
    });
    expect(slots).toHaveLength(24);
    expect(startsUtc([slots[0]!, slots[23]!])).toEqual(['2026-06-01T22:00Z', '2026-06-02T21:00Z']);
  });
});

describe('minimum notice and booking horizon', () => {
  it('starts at the first grid time at or after now plus the notice', () => {
    const late = slotsBetween(...TUESDAY, {
      now: '2026-06-02T08:05Z', // 10:05 in Berlin
      type: { minimumNoticeMinutes: 60 },
    });
    expect(startsIn(late, BERLIN)[0]).toBe('11:30');
    const exact = slotsBetween(...TUESDAY, {
      now: '2026-06-02T08:00Z',
      type: { minimumNoticeMinutes: 60 },
    });
    expect(startsIn(exact, BERLIN)[0]).toBe('11:00');
  });

  it('carries a notice of several days over to later days', () => {
    const slots = slotsBetween('2026-06-01T00:00Z', '2026-06-08T00:00Z', {
      now: '2026-06-02T08:05Z',
      type: { minimumNoticeMinutes: 2 * 24 * 60 },
    });
    expect(slots[0]!.start).toBe(utc('2026-06-04T08:30Z')); // Thursday 10:30
  });

  it('counts the horizon in seller-local days, today being the first', () => {
    // 00:30 on Tuesday in Berlin, still Monday in UTC.
    const now = '2026-06-01T22:30Z';
    const window = ['2026-06-01T00:00Z', '2026-06-20T00:00Z'] as const;
    const oneDay = slotsBetween(...window, { now, type: { horizonDays: 1 } });
    expect(oneDay).toHaveLength(16);
    expect(oneDay.every((s) => s.start >= utc(TUESDAY[0]) && s.end <= utc(TUESDAY[1]))).toBe(true);
    const twoDays = slotsBetween(...window, { now, type: { horizonDays: 2 } });
    expect(twoDays).toHaveLength(32);
    expect(twoDays.at(-1)!.start).toBe(utc('2026-06-03T14:30Z'));
  });

  it('keeps the last horizon day whole, not cut off at the current time of day', () => {
    const slots = slotsBetween('2026-06-01T00:00Z', '2026-06-20T00:00Z', {
      now: '2026-06-02T10:00Z', // Tuesday 12:00 in Berlin
      type: { horizonDays: 2 },
    });
    expect(slots).toHaveLength(10 + 16);
    expect(startsUtc([slots[0]!, slots.at(-1)!])).toEqual([
      '2026-06-02T10:00Z',
      '2026-06-03T14:30Z',
    ]);
  });
});

describe('daily limit', () => {
  it('closes a day once the bookings of this meeting type reach the limit', () => {
    const slots = slotsBetween('2026-06-03T00:00Z', '2026-06-05T00:00Z', {
      type: { dailyLimit: 2 },
      bookings: [
        booking('2026-06-03T07:00Z', '2026-06-03T07:30Z'),
        booking('2026-06-03T12:00Z', '2026-06-03T12:30Z'),
        booking('2026-06-04T07:00Z', '2026-06-04T07:30Z'),
        booking('2026-06-04T09:00Z', '2026-06-04T09:30Z', { meetingTypeId: 'demo' }),
      ],
    });
    // Wednesday is full; Thursday has one booking of this type (the demo does not count).
    expect(slots.every((s) => s.start >= utc('2026-06-04T00:00Z'))).toBe(true);
    expect(slots).toHaveLength(14);
  });

  it('counts a booking toward the seller-local day of its start', () => {
    // 00:30 on Thursday in Berlin, still Wednesday in UTC.
    const slots = slotsBetween('2026-06-03T00:00Z', '2026-06-05T00:00Z', {
      type: { dailyLimit: 1 },
      bookings: [booking('2026-06-03T22:30Z', '2026-06-03T23:00Z')],
    });
    expect(slots).toHaveLength(16);
    expect(slots.every((s) => s.end <= utc('2026-06-03T22:00Z'))).toBe(true);
  });
});

describe('date overrides', () => {
  const week = ['2026-06-01T00:00Z', '2026-06-08T00:00Z'] as const;
  const datesOf = (slots: { start: number }[]) => [
    ...new Set(slots.map((s) => new Date(s.start).toISOString().slice(0, 10))),
  ];

  it('closes a day off and leaves the other days alone', () => {
    const slots = slotsBetween(...week, { overrides: [{ date: '2026-06-03', intervals: [] }] });
    expect(datesOf(slots)).toEqual(['2026-06-01', '2026-06-02', '2026-06-04', '2026-06-05']);
    expect(slots).toHaveLength(4 * 16);
  });

  it('replaces the hours of a date with the override', () => {
    const slots = slotsBetween(...week, {
      overrides: [{ date: '2026-06-03', intervals: [{ from: '13:00', to: '15:00' }] }],
    });
    const wednesday = slots.filter((s) => datesOf([s])[0] === '2026-06-03');
    expect(startsIn(wednesday, BERLIN)).toEqual(['13:00', '13:30', '14:00', '14:30']);
  });

  it('adds extra hours on a day without weekly hours', () => {
    const slots = slotsBetween(...week, {
      overrides: [
        {
          date: '2026-06-06',
          intervals: [
            { from: '10:00', to: '11:00' },
            { from: '18:00', to: '19:00' },
          ],
        },
      ],
    });
    expect(datesOf(slots)).toEqual([
      '2026-06-01',
      '2026-06-02',
      '2026-06-03',
      '2026-06-04',
      '2026-06-05',
      '2026-06-06',
    ]);
    expect(startsIn(slots.slice(5 * 16), BERLIN)).toEqual(['10:00', '10:30', '18:00', '18:30']);
  });

  it('applies an override to the date in the seller zone, not in UTC', () => {
    // 00:00–02:00 on 2 June in Kolkata (UTC+05:30) is 18:30–20:30 UTC on 1 June.
    const slots = slotsBetween('2026-05-31T00:00Z', '2026-06-04T00:00Z', {
      zone: 'Asia/Kolkata',
      hours: {},
      overrides: [{ date: '2026-06-02', intervals: [{ from: '00:00', to: '02:00' }] }],
    });
    expect(startsUtc(slots)).toEqual([
      '2026-06-01T18:30Z',
      '2026-06-01T19:00Z',
      '2026-06-01T19:30Z',
      '2026-06-01T20:00Z',
    ]);
  });
});

describe('existing bookings and buffers', () => {
  it('blocks the time of a booking together with its own buffers', () => {
    const slots = slotsBetween(...TUESDAY, {
      bookings: [
        booking('2026-06-02T10:00Z', '2026-06-02T10:30Z', {
          bufferBeforeMinutes: 30,
          bufferAfterMinutes: 15,
          meetingTypeId: 'demo',
        }),
      ],
    });
    // The booking is 12:00–12:30 in Berlin and holds 11:30–12:45.
    const starts = startsIn(slots, BERLIN);
    expect(starts).toContain('11:00');
    expect(starts).not.toContain('11:30');
    expect(starts).not.toContain('12:00');
    expect(starts).not.toContain('12:30');
    expect(starts).toContain('13:00');
    expect(slots).toHaveLength(13);
  });

  it('keeps the new meeting buffers off other bookings but lets them leave working hours', () => {
    const slots = slotsBetween(...TUESDAY, {
      type: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 },
      bookings: [booking('2026-06-02T10:00Z', '2026-06-02T10:30Z', { bufferAfterMinutes: 15 })],
    });
    // Held 12:00–12:45; a new slot needs 15 minutes free on either side.
    const starts = startsIn(slots, BERLIN);
    expect(starts.slice(0, 1)).toEqual(['09:00']);
    expect(starts.at(-1)).toBe('16:30');
    expect(starts).toContain('11:00');
    expect(starts).not.toContain('11:30');
    expect(starts).not.toContain('12:30');
    expect(starts).toContain('13:00');
  });

  it('lets a slot touch a booking when no buffers lie between them', () => {
    const slots = slotsBetween(...TUESDAY, {
      bookings: [booking('2026-06-02T10:00Z', '2026-06-02T10:30Z')],
    });
    expect(startsIn(slots, BERLIN)).toEqual(expect.arrayContaining(['11:30', '12:30']));
    expect(startsIn(slots, BERLIN)).not.toContain('12:00');
  });

  it('agrees with a brute-force check for 300 random bookings over 60 days', () => {
    const random = seededRandom(20260329);
    const from = utc('2026-03-01T00:00Z');
    const to = utc('2026-04-30T00:00Z');
    const bookings: ExistingBooking[] = [];
    for (let i = 0; i < 300; i++) {
      const start = from + Math.floor(random() * ((to - from) / 300_000)) * 300_000;
      bookings.push({
        start,
        end: start + (1 + Math.floor(random() * 12)) * 5 * 60_000,
        bufferBeforeMinutes: [0, 5, 10, 30][Math.floor(random() * 4)]!,
        bufferAfterMinutes: [0, 5, 15, 60][Math.floor(random() * 4)]!,
        meetingTypeId: 'other',
      });
    }
    const base = slotRules({
      hours: {
        mon: NINE_TO_FIVE,
        tue: NINE_TO_FIVE,
        wed: [
          { from: '08:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        thu: NINE_TO_FIVE,
        fri: [{ from: '09:00', to: '13:00' }],
      },
      type: { durationMinutes: 25, slotStepMinutes: 15, bufferBeforeMinutes: 10 },
      now: '2026-02-15T00:00Z',
    });
    const free = computeSlots({ ...base, from, to });
    const expected = free.filter((slot) =>
      bookings.every(
        (b) =>
          slot.start - 10 * 60_000 >= b.end + b.bufferAfterMinutes * 60_000 ||
          slot.end <= b.start - b.bufferBeforeMinutes * 60_000,
      ),
    );
    const actual = computeSlots({ ...base, bookings, from, to });
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(free.length);
    expect(actual).toEqual(expected);
  });
});

describe('findBookableSlot', () => {
  const rules = slotRules({
    now: '2026-06-02T08:05Z', // Tuesday 10:05 in Berlin
    type: { minimumNoticeMinutes: 60, horizonDays: 7, dailyLimit: 2 },
    bookings: [
      booking('2026-06-02T12:00Z', '2026-06-02T12:30Z'),
      booking('2026-06-03T07:00Z', '2026-06-03T07:30Z'),
      booking('2026-06-03T08:00Z', '2026-06-03T08:30Z'),
    ],
  });

  it('returns the slot for a start the engine offers', () => {
    expect(findBookableSlot(rules, utc('2026-06-02T09:30Z'))).toEqual({
      start: utc('2026-06-02T09:30Z'),
      end: utc('2026-06-02T10:00Z'),
    });
    expect(findBookableSlot(rules, utc('2026-06-08T14:30Z'))).not.toBeNull();
  });

  it('refuses starts off the grid, taken, too soon, too far ahead, on a full day or odd', () => {
    expect(findBookableSlot(rules, utc('2026-06-02T09:40Z'))).toBeNull(); // off the grid
    expect(findBookableSlot(rules, utc('2026-06-02T12:00Z'))).toBeNull(); // taken
    expect(findBookableSlot(rules, utc('2026-06-02T08:30Z'))).toBeNull(); // within the notice
    expect(findBookableSlot(rules, utc('2026-06-09T07:00Z'))).toBeNull(); // past the horizon
    expect(findBookableSlot(rules, utc('2026-06-03T12:00Z'))).toBeNull(); // day limit reached
    expect(findBookableSlot(rules, utc('2026-06-02T15:00Z'))).toBeNull(); // 17:00, after hours
    expect(findBookableSlot(rules, utc('2026-06-06T08:00Z'))).toBeNull(); // Saturday
    expect(findBookableSlot(rules, utc('2026-06-02T09:30Z') + 0.5)).toBeNull();
  });
});

// A small deterministic generator (mulberry32), so the random test fails the same way every time.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
