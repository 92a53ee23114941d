import { describe, expect, it } from 'vitest';
import {
  firstDayWithSlots,
  groupSlotsByDay,
  hasEarlierWindow,
  hasLaterWindow,
  horizonEnd,
  previousWindowStart,
  slotKey,
  slotWindow,
} from './slots';
import { startOfDay } from './zones';

const at = (iso: string) => Date.parse(iso);
const slot = (iso: string, minutes = 30) => ({ start: at(iso), end: at(iso) + minutes * 60_000 });

describe('groupSlotsByDay', () => {
  // 15:00 and 23:30 in Berlin on Monday 2026-11-30, 09:00 on Tuesday.
  const slots = [
    slot('2026-12-01T08:00:00Z'),
    slot('2026-11-30T22:30:00Z'),
    slot('2026-11-30T14:00:00Z'),
  ];

  it('groups by the date in the zone the guest reads, each day ascending', () => {
    const berlin = groupSlotsByDay(slots, 'Europe/Berlin');
    expect([...berlin.keys()]).toEqual(['2026-11-30', '2026-12-01']);
    expect(berlin.get('2026-11-30')?.map((s) => s.start)).toEqual([
      at('2026-11-30T14:00:00Z'),
      at('2026-11-30T22:30:00Z'),
    ]);
  });

  it('moves a late slot to the next day for a guest east of the seller', () => {
    const tokyo = groupSlotsByDay(slots, 'Asia/Tokyo');
    // 22:30 UTC is 07:30 the next morning in Tokyo.
    expect([...tokyo.keys()]).toEqual(['2026-11-30', '2026-12-01']);
    expect(tokyo.get('2026-12-01')).toHaveLength(2);
  });

  it('keeps every slot of a New York guest on their own Monday', () => {
    const ny = groupSlotsByDay(slots, 'America/New_York');
    expect([...ny.keys()]).toEqual(['2026-11-30', '2026-12-01']);
    expect(ny.get('2026-11-30')).toHaveLength(2);
  });
});

describe('firstDayWithSlots', () => {
  it('finds the first shown day that has a slot', () => {
    const byDay = groupSlotsByDay([slot('2026-12-03T09:00:00Z')], 'UTC');
    expect(firstDayWithSlots(['2026-12-01', '2026-12-02', '2026-12-03'], byDay)).toBe('2026-12-03');
    expect(firstDayWithSlots(['2026-12-01'], byDay)).toBeNull();
  });
});

describe('horizonEnd', () => {
  it("ends after the horizon's last day in the seller's zone, today being the first", () => {
    const now = at('2026-11-30T22:30:00Z'); // 23:30 on Monday in Berlin
    expect(horizonEnd(now, 'Europe/Berlin', 1)).toBe(at('2026-11-30T23:00:00Z'));
    expect(horizonEnd(now, 'Europe/Berlin', 2)).toBe(at('2026-12-01T23:00:00Z'));
  });
});

describe('slotWindow', () => {
  it('covers whole days in the zone, also across a change to summer time', () => {
    const end = at('2027-01-01T00:00:00Z');
    const window = slotWindow('2026-03-23', 'Europe/Berlin', end, 14);
    expect(window.days).toHaveLength(14);
    expect(window.days[0]).toBe('2026-03-23');
    expect(window.days[13]).toBe('2026-04-05');
    expect(window.from).toBe(at('2026-03-22T23:00:00Z'));
    expect(window.to).toBe(at('2026-04-05T22:00:00Z'));
  });

  it('stops at the horizon, showing only days that can hold slots', () => {
    const end = startOfDay('2026-12-04', 'America/New_York');
    const window = slotWindow('2026-12-01', 'America/New_York', end, 14);
    expect(window.days).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(window.to).toBe(end);
  });

  it('is empty (nothing to load) when the horizon is over before the first day', () => {
    const window = slotWindow('2026-12-10', 'UTC', at('2026-12-05T00:00:00Z'), 14);
    expect(window.days).toEqual(['2026-12-10']);
    expect(window.to).toBeLessThanOrEqual(window.from);
  });

  it('counts days of the guest zone with the horizon of the seller zone', () => {
    // The Berlin horizon ends at 23:00 UTC; for a guest in Tokyo that is 08:00 on the 4th.
    const end = at('2026-12-03T23:00:00Z');
    const window = slotWindow('2026-12-01', 'Asia/Tokyo', end, 14);
    expect(window.days).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });
});

describe('paging', () => {
  const end = startOfDay('2026-12-31', 'UTC');

  it('offers later days while the horizon lasts', () => {
    expect(hasLaterWindow('2026-12-01', 'UTC', end, 14)).toBe(true);
    expect(hasLaterWindow('2026-12-17', 'UTC', end, 14)).toBe(false);
    expect(hasLaterWindow('2026-12-16', 'UTC', end, 14)).toBe(true);
  });

  it('goes back no further than today', () => {
    expect(hasEarlierWindow('2026-12-01', '2026-12-01')).toBe(false);
    expect(hasEarlierWindow('2026-12-15', '2026-12-01')).toBe(true);
    expect(previousWindowStart('2026-12-15', '2026-12-01', 14)).toBe('2026-12-01');
    expect(previousWindowStart('2026-12-29', '2026-12-01', 14)).toBe('2026-12-15');
  });
});

describe('slotKey', () => {
  it('names a slot by its UTC start', () => {
    expect(slotKey(slot('2026-12-01T14:00:00Z'))).toBe('2026-12-01T14:00:00.000Z');
  });
});
