import { describe, expect, it } from 'vitest';
import type { BookingSettingsView } from '../../shared/api/booking';
import {
  availabilityDraft,
  checkAvailability,
  checkDayIntervals,
  readTime,
  suggestInterval,
} from './availability';
import type { AvailabilityDraft } from './availability';

const nineToFive = [{ from: '09:00', to: '17:00' }];

const settings: BookingSettingsView = {
  handle: 'anna',
  pageUrl: 'https://nahbar.example/book/anna',
  saved: true,
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    mon: nineToFive,
    tue: [
      { from: '09:00', to: '12:00' },
      { from: '20:00', to: '24:00' },
    ],
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: [],
    sun: [],
  },
  overrides: [
    { date: '2026-12-31', intervals: [] },
    { date: '2026-12-12', intervals: [{ from: '10:00', to: '14:00' }] },
  ],
  changeCutoffHours: null,
};

describe('readTime', () => {
  it('reads times as time inputs and people give them', () => {
    expect(readTime('09:00')).toBe('09:00');
    expect(readTime('9:30')).toBe('09:30');
    expect(readTime('09:00:00')).toBe('09:00');
    expect(readTime('24:00')).toBeNull();
    expect(readTime('9')).toBeNull();
  });
});

describe('checkDayIntervals', () => {
  it('takes touching intervals, sorted, and an end of 00:00 as midnight', () => {
    expect(
      checkDayIntervals([
        { from: '13:00', to: '00:00' },
        { from: '09:00', to: '13:00' },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { from: '09:00', to: '13:00' },
        { from: '13:00', to: '24:00' },
      ],
    });
  });

  it('marks the interval to fix: missing time, end before start, overlap', () => {
    expect(
      checkDayIntervals([
        { from: '09:00', to: '' },
        { from: '12:00', to: '11:00' },
        { from: '13:00', to: '15:00' },
        { from: '14:00', to: '16:00' },
      ]),
    ).toEqual({ ok: false, problems: ['required', 'order', undefined, 'overlap'] });
  });
});

describe('suggestInterval', () => {
  it('suggests office hours on an empty day and an evening block after the last', () => {
    expect(suggestInterval([])).toEqual({ from: '09:00', to: '17:00' });
    expect(suggestInterval([{ from: '09:00', to: '12:00' }])).toEqual({
      from: '13:00',
      to: '17:00',
    });
    expect(suggestInterval([{ from: '18:00', to: '22:00' }])).toEqual({
      from: '23:00',
      to: '00:00',
    });
    expect(suggestInterval([{ from: '20:00', to: '00:00' }])).toEqual({ from: '', to: '' });
  });
});

describe('availabilityDraft', () => {
  it('shows the end of the day as 00:00 and the exceptions by date', () => {
    const draft = availabilityDraft(settings, 'America/New_York');
    expect(draft.timeZone).toBe('Europe/Berlin');
    expect(draft.weeklyHours.tue[1]).toEqual({ from: '20:00', to: '00:00' });
    expect(draft.overrides.map((o) => [o.date, o.dayOff])).toEqual([
      ['2026-12-12', false],
      ['2026-12-31', true],
    ]);
    expect(draft.cutoffEnabled).toBe(false);
  });

  it("starts an unsaved setup in the seller's own zone", () => {
    const draft = availabilityDraft({ ...settings, saved: false }, 'America/New_York');
    expect(draft.timeZone).toBe('America/New_York');
  });
});

describe('checkAvailability', () => {
  const draft = (): AvailabilityDraft => availabilityDraft(settings, 'Europe/Berlin');

  it('gives back what the server has, unchanged', () => {
    expect(checkAvailability(draft())).toEqual({
      ok: true,
      value: {
        timeZone: 'Europe/Berlin',
        weeklyHours: settings.weeklyHours,
        overrides: [...settings.overrides].sort((a, b) => a.date.localeCompare(b.date)),
        changeCutoffHours: null,
      },
    });
  });

  it('checks the cut-off only when it is on', () => {
    expect(checkAvailability({ ...draft(), cutoffEnabled: true, cutoffHours: '24' })).toMatchObject(
      { ok: true, value: { changeCutoffHours: 24 } },
    );
    expect(checkAvailability({ ...draft(), cutoffEnabled: true, cutoffHours: '200' })).toEqual({
      ok: false,
      errors: { cutoff: 'cutoffRange' },
    });
    expect(checkAvailability({ ...draft(), cutoffEnabled: true, cutoffHours: '1.5' })).toEqual({
      ok: false,
      errors: { cutoff: 'cutoffNumber' },
    });
    expect(checkAvailability({ ...draft(), cutoffEnabled: false, cutoffHours: 'x' }).ok).toBe(true);
  });

  it('names exceptions without a date, twice the same date, or without hours', () => {
    const base = draft();
    const checked = checkAvailability({
      ...base,
      overrides: [
        ...base.overrides,
        { date: '', dayOff: true, intervals: [] },
        { date: '2026-12-31', dayOff: true, intervals: [] },
        { date: '2027-01-02', dayOff: false, intervals: [] },
        { date: '2027-02-30', dayOff: true, intervals: [] },
      ],
    });
    expect(checked).toEqual({
      ok: false,
      errors: {
        overrides: {
          2: { date: 'date', intervals: [] },
          3: { date: 'dateTwice', intervals: [] },
          4: { date: 'noHours', intervals: [] },
          5: { date: 'date', intervals: [] },
        },
      },
    });
  });

  it("names a weekday's interval to fix", () => {
    const base = draft();
    const checked = checkAvailability({
      ...base,
      weeklyHours: { ...base.weeklyHours, wed: [{ from: '17:00', to: '09:00' }] },
    });
    expect(checked).toEqual({ ok: false, errors: { weekly: { wed: { intervals: ['order'] } } } });
  });

  it('refuses a zone the browser does not know', () => {
    expect(checkAvailability({ ...draft(), timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      errors: { timeZone: 'zone' },
    });
  });
});
