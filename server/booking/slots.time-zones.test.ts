// The slot engine across time zones and daylight-saving switches: Europe/Berlin on 2026-03-29 and
// 2026-10-25, America/New_York on 2026-03-08 and 2026-11-01, Asia/Kolkata (UTC+05:30), the weeks
// when US and EU offsets differ, and the skipped and repeated wall-clock times. Expected wall
// times are read with Intl directly, not with the engine's own conversion.
import { describe, expect, it } from 'vitest';
import {
  booking,
  dailySpansIn,
  NINE_TO_FIVE,
  slotRules,
  slotsBetween,
  startsIn,
  startsUtc,
  utc,
  wallTime,
} from '../test/slot-fixtures.js';
import { findBookableSlot } from './slots.js';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const TWO_TO_FOUR = [{ from: '02:00', to: '04:00' }];
const WEEKEND = { sat: NINE_TO_FIVE, sun: NINE_TO_FIVE };

/** Every weekday (Mon–Fri) from `first` to `last` (YYYY-MM-DD, inclusive), mapped to `span`. */
function weekdaysTo(first: string, last: string, span: string): Record<string, string> {
  const spans: Record<string, string> = {};
  for (let t = utc(`${first}T12:00Z`); t <= utc(`${last}T12:00Z`); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) spans[new Date(t).toISOString().slice(0, 10)] = span;
  }
  return spans;
}

describe('Europe/Berlin, spring forward on 2026-03-29 (02:00 CET → 03:00 CEST)', () => {
  it('keeps 09:00–17:00 on the wall clock, one hour earlier in UTC after the switch', () => {
    const slots = slotsBetween('2026-03-28T00:00Z', '2026-03-30T00:00Z', { hours: WEEKEND });
    expect(slots).toHaveLength(32);
    expect(startsUtc([slots[0]!, slots[15]!, slots[16]!, slots[31]!])).toEqual([
      '2026-03-28T08:00Z',
      '2026-03-28T15:30Z',
      '2026-03-29T07:00Z',
      '2026-03-29T14:30Z',
    ]);
    expect(startsIn(slots.slice(16), BERLIN)).toEqual(startsIn(slots.slice(0, 16), BERLIN));
  });

  it('offers no slot at the skipped 02:00–03:00, so 02:00–04:00 is one real hour', () => {
    const hours = { sun: TWO_TO_FOUR };
    const window = ['2026-03-28T00:00Z', '2026-03-30T00:00Z'] as const;
    const halfHours = slotsBetween(...window, { hours });
    expect(startsUtc(halfHours)).toEqual(['2026-03-29T01:00Z', '2026-03-29T01:30Z']);
    expect(startsIn(halfHours, BERLIN)).toEqual(['03:00', '03:30']);
    const hour = slotsBetween(...window, { hours, type: { durationMinutes: 60 } });
    expect(startsUtc(hour)).toEqual(['2026-03-29T01:00Z']);
    expect(slotsBetween(...window, { hours, type: { durationMinutes: 90 } })).toEqual([]);
  });

  it('lets a meeting run across the gap when the hours do', () => {
    const slots = slotsBetween('2026-03-28T00:00Z', '2026-03-30T00:00Z', {
      hours: { sun: [{ from: '01:00', to: '04:00' }] },
      type: { durationMinutes: 60 },
    });
    expect(startsIn(slots, BERLIN)).toEqual(['01:00', '01:30', '03:00']);
    // 01:30 CET plus one hour is 03:30 CEST.
    expect(wallTime(slots[1]!.end, BERLIN)).toBe('2026-03-29 03:30');
  });
});

describe('Europe/Berlin, fall back on 2026-10-25 (03:00 CEST → 02:00 CET)', () => {
  const window = ['2026-10-24T00:00Z', '2026-10-26T00:00Z'] as const;

  it('keeps 09:00–17:00 on the wall clock, one hour later in UTC after the switch', () => {
    const slots = slotsBetween(...window, { hours: WEEKEND });
    expect(slots).toHaveLength(32);
    expect(startsUtc([slots[0]!, slots[16]!, slots[31]!])).toEqual([
      '2026-10-24T07:00Z',
      '2026-10-25T08:00Z',
      '2026-10-25T15:30Z',
    ]);
  });

  it('offers the repeated 02:00 and 02:30 twice, as distinct instants, so 02:00–04:00 is three hours', () => {
    const slots = slotsBetween(...window, { hours: { sun: TWO_TO_FOUR } });
    expect(startsUtc(slots)).toEqual([
      '2026-10-25T00:00Z',
      '2026-10-25T00:30Z',
      '2026-10-25T01:00Z',
      '2026-10-25T01:30Z',
      '2026-10-25T02:00Z',
      '2026-10-25T02:30Z',
    ]);
    expect(startsIn(slots, BERLIN)).toEqual(['02:00', '02:30', '02:00', '02:30', '03:00', '03:30']);
    const long = slotsBetween(...window, {
      hours: { sun: TWO_TO_FOUR },
      type: { durationMinutes: 120 },
    });
    expect(startsUtc(long)).toEqual([
      '2026-10-25T00:00Z',
      '2026-10-25T00:30Z',
      '2026-10-25T01:00Z',
    ]);
  });

  it('books either 02:30 without touching the other', () => {
    const rules = slotRules({
      hours: { sun: TWO_TO_FOUR },
      bookings: [booking('2026-10-25T00:30Z', '2026-10-25T01:00Z')],
    });
    expect(findBookableSlot(rules, utc('2026-10-25T00:30Z'))).toBeNull();
    expect(findBookableSlot(rules, utc('2026-10-25T01:30Z'))).toEqual({
      start: utc('2026-10-25T01:30Z'),
      end: utc('2026-10-25T02:00Z'),
    });
    const slots = slotsBetween(...window, {
      hours: { sun: TWO_TO_FOUR },
      bookings: rules.bookings,
    });
    expect(startsIn(slots, BERLIN)).toEqual(['02:00', '02:00', '02:30', '03:00', '03:30']);
  });

  it('ends hours that stop at a repeated time the first time the clock reads it', () => {
    const slots = slotsBetween(...window, { hours: { sun: [{ from: '01:00', to: '02:30' }] } });
    expect(startsUtc(slots)).toEqual([
      '2026-10-24T23:00Z',
      '2026-10-24T23:30Z',
      '2026-10-25T00:00Z',
    ]);
  });
});

describe('America/New_York, spring forward on 2026-03-08 (02:00 EST → 03:00 EDT)', () => {
  const window = ['2026-03-07T00:00Z', '2026-03-09T12:00Z'] as const;

  it('keeps 09:00–17:00 on the wall clock across the switch', () => {
    const slots = slotsBetween(...window, { zone: NEW_YORK, hours: WEEKEND });
    expect(startsUtc([slots[0]!, slots[16]!, slots[31]!])).toEqual([
      '2026-03-07T14:00Z',
      '2026-03-08T13:00Z',
      '2026-03-08T20:30Z',
    ]);
  });

  it('offers no slot at the skipped 02:30', () => {
    const slots = slotsBetween(...window, { zone: NEW_YORK, hours: { sun: TWO_TO_FOUR } });
    expect(startsUtc(slots)).toEqual(['2026-03-08T07:00Z', '2026-03-08T07:30Z']);
    expect(startsIn(slots, NEW_YORK)).toEqual(['03:00', '03:30']);
  });
});

describe('America/New_York, fall back on 2026-11-01 (02:00 EDT → 01:00 EST)', () => {
  const window = ['2026-10-31T00:00Z', '2026-11-02T12:00Z'] as const;

  it('keeps 09:00–17:00 on the wall clock across the switch', () => {
    const slots = slotsBetween(...window, { zone: NEW_YORK, hours: WEEKEND });
    expect(startsUtc([slots[0]!, slots[16]!, slots[31]!])).toEqual([
      '2026-10-31T13:00Z',
      '2026-11-01T14:00Z',
      '2026-11-01T21:30Z',
    ]);
  });

  it('offers the repeated 01:00 and 01:30 twice, so 01:00–03:00 is three hours', () => {
    const slots = slotsBetween(...window, {
      zone: NEW_YORK,
      hours: { sun: [{ from: '01:00', to: '03:00' }] },
    });
    expect(startsUtc(slots)).toEqual([
      '2026-11-01T05:00Z',
      '2026-11-01T05:30Z',
      '2026-11-01T06:00Z',
      '2026-11-01T06:30Z',
      '2026-11-01T07:00Z',
      '2026-11-01T07:30Z',
    ]);
    expect(startsIn(slots, NEW_YORK)).toEqual([
      '01:00',
      '01:30',
      '01:00',
      '01:30',
      '02:00',
      '02:30',
    ]);
  });

  it('offers 02:30 once, since New York repeats 01:00–02:00 and not 02:00–03:00', () => {
    const slots = slotsBetween(...window, { zone: NEW_YORK, hours: { sun: TWO_TO_FOUR } });
    expect(startsUtc(slots)).toEqual([
      '2026-11-01T07:00Z',
      '2026-11-01T07:30Z',
      '2026-11-01T08:00Z',
      '2026-11-01T08:30Z',
    ]);
  });
});

describe('Asia/Kolkata (UTC+05:30, no daylight saving)', () => {
  it('puts 09:00–17:00 at 03:30–11:30 UTC all year', () => {
    for (const date of ['2026-01-13', '2026-03-31', '2026-07-14', '2026-10-27']) {
      const slots = slotsBetween(`${date}T00:00Z`, `${date}T23:59Z`, { zone: KOLKATA });
      expect(slots).toHaveLength(16);
      expect(startsUtc([slots[0]!])).toEqual([`${date}T03:30Z`]);
      expect(slots.at(-1)!.end).toBe(utc(`${date}T11:30Z`));
    }
  });

  it('counts the grid from a half-hour-offset start', () => {
    const slots = slotsBetween('2026-06-02T00:00Z', '2026-06-03T00:00Z', {
      zone: KOLKATA,
      hours: { tue: [{ from: '09:00', to: '12:00' }] },
      type: { durationMinutes: 45, slotStepMinutes: 45 },
    });
    expect(startsUtc(slots)).toEqual([
      '2026-06-02T03:30Z',
      '2026-06-02T04:15Z',
      '2026-06-02T05:00Z',
      '2026-06-02T05:45Z',
    ]);
  });
});

describe('the weeks when US and EU offsets differ', () => {
  it('shows a Berlin 09:00–17:00 as 03:00–11:00 in New York, but 04:00–12:00 in March 9–27', () => {
    const slots = slotsBetween('2026-03-02T00:00Z', '2026-04-04T00:00Z');
    expect(dailySpansIn(slots, NEW_YORK)).toEqual({
      ...weekdaysTo('2026-03-02', '2026-03-06', '03:00–11:00'),
      ...weekdaysTo('2026-03-09', '2026-03-27', '04:00–12:00'),
      ...weekdaysTo('2026-03-30', '2026-04-03', '03:00–11:00'),
    });
  });

  it('shows a Berlin 09:00–17:00 as 04:00–12:00 in New York in October 26–30', () => {
    const slots = slotsBetween('2026-10-19T00:00Z', '2026-11-07T00:00Z');
    expect(dailySpansIn(slots, NEW_YORK)).toEqual({
      ...weekdaysTo('2026-10-19', '2026-10-23', '03:00–11:00'),
      ...weekdaysTo('2026-10-26', '2026-10-30', '04:00–12:00'),
      ...weekdaysTo('2026-11-02', '2026-11-06', '03:00–11:00'),
    });
  });

  it('shows a New York 09:00–17:00 as 15:00–23:00 in Berlin, but 14:00–22:00 in the gap weeks', () => {
    const spring = slotsBetween('2026-03-02T00:00Z', '2026-04-04T00:00Z', { zone: NEW_YORK });
    expect(dailySpansIn(spring, BERLIN)).toEqual({
      ...weekdaysTo('2026-03-02', '2026-03-06', '15:00–23:00'),
      ...weekdaysTo('2026-03-09', '2026-03-27', '14:00–22:00'),
      ...weekdaysTo('2026-03-30', '2026-04-03', '15:00–23:00'),
    });
    const autumn = slotsBetween('2026-10-19T00:00Z', '2026-11-07T00:00Z', { zone: NEW_YORK });
    expect(dailySpansIn(autumn, BERLIN)).toEqual({
      ...weekdaysTo('2026-10-19', '2026-10-23', '15:00–23:00'),
      ...weekdaysTo('2026-10-26', '2026-10-30', '14:00–22:00'),
      ...weekdaysTo('2026-11-02', '2026-11-06', '15:00–23:00'),
    });
  });
});

describe('a whole year', () => {
  const halfHours = Array.from({ length: 16 }, (_, i) => {
    const minutes = 9 * 60 + 30 * i;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });

  it.each([BERLIN, NEW_YORK, KOLKATA])(
    'offers 09:00–16:30 on the wall clock of %s on every weekday of 2026',
    (zone) => {
      // Noon UTC on 1 January is 1 January in all three zones, so the horizon ends on 31 December.
      const slots = slotsBetween('2026-01-02T00:00Z', '2027-01-01T00:00Z', {
        zone,
        now: '2026-01-01T12:00Z',
      });
      const byDate = new Map<string, string[]>();
      for (const slot of slots) {
        const [date = '', time = ''] = wallTime(slot.start, zone).split(' ');
        byDate.set(date, [...(byDate.get(date) ?? []), time]);
      }
      expect([...byDate.keys()]).toEqual(Object.keys(weekdaysTo('2026-01-02', '2026-12-31', '')));
      for (const times of byDate.values()) expect(times).toEqual(halfHours);
    },
  );
});
