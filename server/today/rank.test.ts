// The Today list: who qualifies, in which order, and why.
import { describe, expect, it } from 'vitest';
import type { ContactId } from '../../shared/ids.js';
import { FakeClock } from '../lib/clock.js';
import { rankToday, TODAY_CAP } from './rank.js';
import type { TodayList } from './rank.js';
import type { Reason, ReasonProvider, TodayCandidate } from './reasons.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Saturday 28 November 2026, 10:00 in Berlin.
const START = Date.UTC(2026, 10, 28, 9, 0);

function candidate(
  id: string,
  overrides: Partial<Omit<TodayCandidate, 'contactId'>> = {},
): TodayCandidate {
  return {
    contactId: id as ContactId,
    lastTouchAt: START - DAY,
    createdAt: START - 400 * DAY,
    cadenceDays: 30,
    birthday: null,
    timeZone: 'Europe/Berlin',
    nextStepDueAt: null,
    meetingToday: null,
    snoozedUntil: null,
    extraReasons: [],
    ...overrides,
  };
}

const ids = (list: TodayList) => list.entries.map((e) => e.contactId);
const kinds = (list: TodayList) => list.entries.map((e) => e.reasons.map((r) => r.kind));

describe('rankToday: overdue ratio', () => {
  it('divides the days since the last touch by the cadence', () => {
    const clock = new FakeClock(START);
    const lastTouchAt = START - 45 * DAY;
    const list = rankToday({ now: clock.now(), candidates: [candidate('a', { lastTouchAt })] });
    expect(list).toEqual({
      total: 1,
      entries: [
        {
          contactId: 'a',
          score: 1.5,
          ratio: 1.5,
          daysSinceTouch: 45,
          dueAt: lastTouchAt + 30 * DAY,
          reasons: [
            {
              kind: 'overdue',
              weight: 0,
              at: lastTouchAt + 30 * DAY,
              detail: { ratio: 1.5, daysSinceTouch: 45, cadenceDays: 30 },
            },
          ],
        },
      ],
    });
  });

  it('counts fractions of a day in the ratio but whole days in daysSinceTouch', () => {
    const c = candidate('a', { lastTouchAt: START - 10.5 * DAY, cadenceDays: 7 });
    const [entry] = rankToday({ now: START, candidates: [c] }).entries;
    expect(entry).toMatchObject({ ratio: 1.5, daysSinceTouch: 10 });
  });

  it('counts from the creation date when there has been no touch', () => {
    const c = candidate('a', { lastTouchAt: null, createdAt: START - 60 * DAY });
    const [entry] = rankToday({ now: START, candidates: [c] }).entries;
    expect(entry).toMatchObject({ ratio: 2, daysSinceTouch: 60, dueAt: START - 60 * DAY });
    expect(entry?.reasons.map((r) => r.kind)).toEqual(['untouched']);
  });

  it('lists someone without any touchpoint as due from the day they were added', () => {
    const c = candidate('a', { lastTouchAt: null, createdAt: START - HOUR });
    const [entry] = rankToday({ now: START, candidates: [c] }).entries;
    expect(entry).toMatchObject({ ratio: 1, daysSinceTouch: 0, dueAt: START - HOUR });
    expect(entry?.reasons.map((r) => r.kind)).toEqual(['untouched']);
  });

  it('treats a touch in the future as one just now', () => {
    const c = candidate('a', { lastTouchAt: START + DAY, meetingToday: START + HOUR });
    const [entry] = rankToday({ now: START, candidates: [c] }).entries;
    expect(entry).toMatchObject({ ratio: 0, daysSinceTouch: 0 });
  });

  it('leaves a contact off until the ratio reaches 1, then lists them as due', () => {
    const clock = new FakeClock(START);
    const candidates = [candidate('a', { lastTouchAt: START - 29 * DAY })];
    expect(rankToday({ now: clock.now(), candidates })).toEqual({ entries: [], total: 0 });
    clock.advance(DAY - 1);
    expect(rankToday({ now: clock.now(), candidates }).total).toBe(0);
    clock.advance(1);
    const list = rankToday({ now: clock.now(), candidates });
    expect(list.entries[0]).toMatchObject({ contactId: 'a', ratio: 1, dueAt: clock.now() });
    expect(kinds(list)).toEqual([['overdue']]);
  });
});

describe('rankToday: built-in reasons', () => {
  it('raises a contact whose birthday is today by 1.0, with the age they turn', () => {
    const birthday = { month: 11, day: 28, year: 1976 };
    const list = rankToday({ now: START, candidates: [candidate('a', { birthday })] });
    expect(list.entries[0]?.score).toBeCloseTo(1 / 30 + 1.0);
    expect(list.entries[0]?.reasons).toEqual([
      {
        kind: 'birthday',
        weight: 1.0,
        at: Date.UTC(2026, 10, 27, 23, 0),
        detail: { daysUntil: 0, month: 11, day: 28, turns: 50 },
      },
    ]);
  });

  it('raises a contact whose birthday is in six days by 0.5, and not one in seven', () => {
    const soon = candidate('soon', { birthday: { month: 12, day: 4, year: null } });
    const later = candidate('later', { birthday: { month: 12, day: 5, year: null } });
    const list = rankToday({ now: START, candidates: [soon, later] });
    expect(ids(list)).toEqual(['soon']);
    expect(list.entries[0]?.reasons[0]).toMatchObject({
      kind: 'birthday',
      weight: 0.5,
      detail: { daysUntil: 6, month: 12, day: 4 },
    });
  });

  it('raises a contact whose next step is due by the end of today, late ones included', () => {
    const laterToday = candidate('today', { nextStepDueAt: Date.UTC(2026, 10, 28, 22, 30) });
    const late = candidate('late', { nextStepDueAt: Date.UTC(2026, 10, 26, 15, 0) });
    const tomorrow = candidate('tomorrow', { nextStepDueAt: Date.UTC(2026, 10, 28, 23, 30) });
    const list = rankToday({ now: START, candidates: [laterToday, late, tomorrow] });
    expect(ids(list)).toEqual(['late', 'today']);
    expect(list.entries.map((e) => e.reasons)).toEqual([
      [
        {
          kind: 'next_step_due',
          weight: 1.5,
          at: Date.UTC(2026, 10, 26, 15, 0),
          detail: { daysLate: 2 },
        },
      ],
      [
        {
          kind: 'next_step_due',
          weight: 1.5,
          at: Date.UTC(2026, 10, 28, 22, 30),
          detail: { daysLate: 0 },
        },
      ],
    ]);
  });

  it('decides "today" for next steps in the seller’s zone', () => {
    // 17:00 on Saturday in Berlin, but already 01:00 on Sunday in Tokyo.
    const c = candidate('a', { nextStepDueAt: Date.UTC(2026, 10, 28, 16, 0) });
    expect(rankToday({ now: START, candidates: [c] }).total).toBe(1);
    expect(rankToday({ now: START, candidates: [c], timeZone: 'Asia/Tokyo' }).total).toBe(0);
  });

  it('raises a contact with a meeting today by 2.0, even once it is over, but not tomorrow', () => {
    const upcoming = candidate('upcoming', { meetingToday: Date.UTC(2026, 10, 28, 14, 0) });
    const over = candidate('over', { meetingToday: Date.UTC(2026, 10, 28, 7, 0) });
    const tomorrow = candidate('tomorrow', { meetingToday: Date.UTC(2026, 10, 29, 14, 0) });
    const list = rankToday({ now: START, candidates: [upcoming, over, tomorrow] });
    expect(ids(list)).toEqual(['over', 'upcoming']);
    expect(list.entries[1]?.reasons).toEqual([
      {
        kind: 'meeting_today',
        weight: 2.0,
        at: Date.UTC(2026, 10, 28, 14, 0),
        detail: { at: Date.UTC(2026, 10, 28, 14, 0) },
      },
    ]);
  });

  it('adds every reason to the ratio and lists them heaviest first, overdue last', () => {
    const c = candidate('a', {
      lastTouchAt: START - 60 * DAY,
      birthday: { month: 11, day: 28, year: null },
      nextStepDueAt: START + HOUR,
      meetingToday: START + 2 * HOUR,
    });
    const [entry] = rankToday({ now: START, candidates: [c] }).entries;
    expect(entry?.score).toBeCloseTo(2 + 2.0 + 1.5 + 1.0);
    expect(entry?.reasons.map((r) => r.kind)).toEqual([
      'meeting_today',
      'next_step_due',
      'birthday',
      'overdue',
    ]);
  });
});

describe('rankToday: birthday edges', () => {
  it('looks across the new year: on 28 December, 2 and 3 January count, 4 January does not', () => {
    const clock = new FakeClock(Date.UTC(2026, 11, 28, 9, 0));
    const lastTouchAt = clock.now();
    const list = rankToday({
      now: clock.now(),
      candidates: [
        candidate('jan2', { lastTouchAt, birthday: { month: 1, day: 2, year: 1970 } }),
        candidate('jan3', { lastTouchAt, birthday: { month: 1, day: 3, year: null } }),
        candidate('jan4', { lastTouchAt, birthday: { month: 1, day: 4, year: null } }),
      ],
    });
    expect(ids(list)).toEqual(['jan2', 'jan3']);
    expect(list.entries[0]?.reasons[0]).toEqual({
      kind: 'birthday',
      weight: 0.5,
      at: Date.UTC(2027, 0, 1, 23, 0),
      detail: { daysUntil: 5, month: 1, day: 2, turns: 57 },
    });
  });

  it('celebrates a 29 February birthday on 28 February outside leap years', () => {
    const clock = new FakeClock(Date.UTC(2027, 1, 25, 9, 0));
    const leapling = candidate('a', {
      lastTouchAt: clock.now(),
      birthday: { month: 2, day: 29, year: 2000 },
    });
    expect(rankToday({ now: clock.now(), candidates: [leapling] }).entries[0]?.reasons).toEqual([
      {
        kind: 'birthday',
        weight: 0.5,
        at: Date.UTC(2027, 1, 27, 23, 0),
        detail: { daysUntil: 3, month: 2, day: 28, turns: 27 },
      },
    ]);
    clock.advance(3 * DAY);
    expect(
      rankToday({ now: clock.now(), candidates: [leapling] }).entries[0]?.reasons[0],
    ).toMatchObject({ weight: 1.0, detail: { daysUntil: 0, month: 2, day: 28 } });
    clock.advance(DAY);
    expect(rankToday({ now: clock.now(), candidates: [leapling] }).total).toBe(0);
  });

  it('celebrates a 29 February birthday on the day in leap years', () => {
    const now = Date.UTC(2028, 1, 28, 9, 0);
    const leapling = candidate('a', {
      lastTouchAt: now,
      birthday: { month: 2, day: 29, year: 2000 },
    });
    const list = rankToday({ now, candidates: [leapling] });
    expect(list.entries[0]?.reasons[0]?.detail).toEqual({
      daysUntil: 1,
      month: 2,
      day: 29,
      turns: 28,
    });
  });

  it('reads the birthday on the contact’s calendar: today in Tokyo is tomorrow in Berlin', () => {
    // 18:00 on 10 May in Berlin, 01:00 on 11 May in Tokyo.
    const now = Date.UTC(2026, 4, 10, 16, 0);
    const birthday = { month: 5, day: 11, year: null };
    const list = rankToday({
      now,
      candidates: [
        candidate('tokyo', { lastTouchAt: now, birthday, timeZone: 'Asia/Tokyo' }),
        candidate('berlin', { lastTouchAt: now, birthday, timeZone: 'Europe/Berlin' }),
      ],
    });
    expect(list.entries.map((e) => [e.contactId, e.reasons[0]?.weight, e.reasons[0]?.at])).toEqual([
      ['tokyo', 1.0, Date.UTC(2026, 4, 10, 15, 0)],
      ['berlin', 0.5, Date.UTC(2026, 4, 10, 22, 0)],
    ]);
  });

  it('ends the lookahead on the contact’s calendar: six days in Tokyo is seven in Berlin', () => {
    const now = Date.UTC(2026, 4, 10, 16, 0);
    const birthday = { month: 5, day: 17, year: null };
    const list = rankToday({
      now,
      candidates: [
        candidate('tokyo', { lastTouchAt: now, birthday, timeZone: 'Asia/Tokyo' }),
        candidate('berlin', { lastTouchAt: now, birthday, timeZone: 'Europe/Berlin' }),
      ],
    });
    expect(ids(list)).toEqual(['tokyo']);
  });

  it('reads the birthday on Berlin’s calendar when the contact has no zone', () => {
    const now = Date.UTC(2026, 4, 10, 16, 0);
    const birthday = { month: 5, day: 11, year: null };
    const c = candidate('a', { lastTouchAt: now, birthday, timeZone: null });
    expect(rankToday({ now, candidates: [c] }).entries[0]?.reasons[0]?.detail).toMatchObject({
      daysUntil: 1,
    });
  });
});

describe('rankToday: snooze, cap and order', () => {
  it('never lists a snoozed contact, however due, until the snooze ends', () => {
    const clock = new FakeClock(START);
    const c = candidate('a', {
      lastTouchAt: START - 90 * DAY,
      meetingToday: START + HOUR,
      snoozedUntil: START + 2 * HOUR,
    });
    expect(rankToday({ now: clock.now(), candidates: [c] })).toEqual({ entries: [], total: 0 });
    clock.advance(2 * HOUR - 1);
    expect(rankToday({ now: clock.now(), candidates: [c] }).total).toBe(0);
    clock.advance(1);
    expect(ids(rankToday({ now: clock.now(), candidates: [c] }))).toEqual(['a']);
  });

  it('caps the list at seven by default and reports how many qualified', () => {
    const candidates = Array.from({ length: 10 }, (_, i) =>
      candidate(`c${i}`, { lastTouchAt: START - (31 + i) * DAY }),
    );
    const list = rankToday({ now: START, candidates });
    expect(TODAY_CAP).toBe(7);
    expect(list.total).toBe(10);
    expect(ids(list)).toEqual(['c9', 'c8', 'c7', 'c6', 'c5', 'c4', 'c3']);
    expect(rankToday({ now: START, candidates, cap: 3 }).entries).toHaveLength(3);
    expect(rankToday({ now: START, candidates, cap: 0 })).toEqual({ entries: [], total: 10 });
  });

  it('sorts by score, then by ratio, then by contact id, whatever the input order', () => {
    const candidates = [
      candidate('d', { lastTouchAt: START - 30 * DAY }),
      candidate('c', { lastTouchAt: START - 30 * DAY }),
      // Same score as "a" (1.5), but all of it from the next step rather than the ratio.
      candidate('b', { lastTouchAt: START, nextStepDueAt: START }),
      candidate('a', { lastTouchAt: START - 45 * DAY }),
      candidate('e', { lastTouchAt: START, meetingToday: START }),
    ];
    const expected = ['e', 'a', 'b', 'c', 'd'];
    expect(ids(rankToday({ now: START, candidates }))).toEqual(expected);
    expect(ids(rankToday({ now: START, candidates: [...candidates].reverse() }))).toEqual(expected);
  });
});

describe('rankToday: reasons from other features', () => {
  const machineAlarm: ReasonProvider = (c) =>
    c.contactId === 'plant'
      ? [{ kind: 'machine_alarm', weight: 1.2, at: START - HOUR, detail: { machine: 'Presse 3' } }]
      : [];

  it('lets a provider raise a contact who is not yet due', () => {
    const candidates = [candidate('plant'), candidate('quiet')];
    expect(rankToday({ now: START, candidates }).total).toBe(0);
    const list = rankToday({ now: START, candidates, providers: [machineAlarm] });
    expect(ids(list)).toEqual(['plant']);
    expect(list.entries[0]?.score).toBeCloseTo(1 / 30 + 1.2);
    expect(list.entries[0]?.reasons).toEqual([
      { kind: 'machine_alarm', weight: 1.2, at: START - HOUR, detail: { machine: 'Presse 3' } },
    ]);
  });

  it('raises a contact by the reasons handed in with the candidate', () => {
    const extraReasons: Reason[] = [{ kind: 'booking_requested', weight: 0.8 }];
    const list = rankToday({ now: START, candidates: [candidate('a', { extraReasons })] });
    expect(kinds(list)).toEqual([['booking_requested']]);
  });

  it('lowers the score by a negative weight without raising a contact who is not due', () => {
    const calm: Reason[] = [{ kind: 'on_holiday', weight: -0.5 }];
    const due = candidate('due', { lastTouchAt: START - 60 * DAY, extraReasons: calm });
    const notDue = candidate('not-due', { extraReasons: calm });
    const list = rankToday({ now: START, candidates: [due, notDue] });
    expect(ids(list)).toEqual(['due']);
    expect(list.entries[0]?.score).toBeCloseTo(1.5);
    expect(list.entries[0]?.reasons.map((r) => r.kind)).toEqual(['overdue', 'on_holiday']);
  });
});
