// When reminders are planned and when one comes too late (pure).
import { describe, expect, it } from 'vitest';
import { isReminderTooLate, planReminders } from './reminders.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const START = Date.UTC(2026, 11, 1, 14, 0);

describe('reminder plans', () => {
  it('plans both reminders for a meeting more than a day ahead', () => {
    expect(planReminders(START, START - 3 * 24 * HOUR)).toEqual([
      { kind: '24h', dueAt: START - 24 * HOUR },
      { kind: '15m', dueAt: START - 15 * MIN },
    ]);
  });

  it('plans only the reminders still ahead', () => {
    expect(planReminders(START, START - 10 * HOUR)).toEqual([
      { kind: '15m', dueAt: START - 15 * MIN },
    ]);
    // Due exactly now is not ahead: a booking made 24 h before gets only the 15-minute one.
    expect(planReminders(START, START - 24 * HOUR).map((r) => r.kind)).toEqual(['15m']);
    expect(planReminders(START, START - 10 * MIN)).toEqual([]);
  });

  it('calls a reminder too late once the meeting began, and the 24 h one once the 15 min one is due', () => {
    expect(isReminderTooLate('24h', START, START - 24 * HOUR)).toBe(false);
    expect(isReminderTooLate('24h', START, START - 20 * MIN)).toBe(false);
    expect(isReminderTooLate('24h', START, START - 15 * MIN)).toBe(true);
    expect(isReminderTooLate('15m', START, START - 1)).toBe(false);
    expect(isReminderTooLate('15m', START, START)).toBe(true);
  });
});
