// Best-reach text: reading what sellers type in German and English, and writing it back.
import { describe, expect, it } from 'vitest';
import { reachWindowSchema } from './contacts.js';
import type { ReachWindow } from './contacts.js';
import { formatReach, parseReachText } from './reach-text.js';

const WORKDAYS = [1, 2, 3, 4, 5];

describe('parseReachText', () => {
  it.each<[string, ReachWindow[]]>([
    ['Tue–Thu 08:00–10:00', [{ days: [2, 3, 4], from: '08:00', to: '10:00' }]],
    ['Di–Do 8–10 Uhr', [{ days: [2, 3, 4], from: '08:00', to: '10:00' }]],
    ['Mo, Mi 14:00-16:30', [{ days: [1, 3], from: '14:00', to: '16:30' }]],
    ['weekdays 9-11', [{ days: WORKDAYS, from: '09:00', to: '11:00' }]],
    ['werktags 9–11', [{ days: WORKDAYS, from: '09:00', to: '11:00' }]],
    [
      'Mon-Fri 8:30–9:15; Sat 10–12',
      [
        { days: WORKDAYS, from: '08:30', to: '09:15' },
        { days: [6], from: '10:00', to: '12:00' },
      ],
    ],
    [
      'Mo–Fr 8–9\nSa 10 bis 12',
      [
        { days: WORKDAYS, from: '08:00', to: '09:00' },
        { days: [6], from: '10:00', to: '12:00' },
      ],
    ],
    ['Mo bis Fr von 8 bis 10 Uhr', [{ days: WORKDAYS, from: '08:00', to: '10:00' }]],
    ['Tue to Thu 9 to 11', [{ days: [2, 3, 4], from: '09:00', to: '11:00' }]],
    ['dienstags zwischen 8 und 10 Uhr', [{ days: [2], from: '08:00', to: '10:00' }]],
    ['Mo. und Mi. 8.30 – 10.00 Uhr', [{ days: [1, 3], from: '08:30', to: '10:00' }]],
    ['Mondays and Thursdays 8h-10h', [{ days: [1, 4], from: '08:00', to: '10:00' }]],
    ['Mo–Fr: 7–8', [{ days: WORKDAYS, from: '07:00', to: '08:00' }]],
    ['am Wochenende 10:00 - 12:00', [{ days: [6, 7], from: '10:00', to: '12:00' }]],
    ['täglich 7—8', [{ days: [1, 2, 3, 4, 5, 6, 7], from: '07:00', to: '08:00' }]],
    ['Fr–Mo 10–12', [{ days: [1, 5, 6, 7], from: '10:00', to: '12:00' }]],
    ['Tu, We, Th 9am–11am', [{ days: [2, 3, 4], from: '09:00', to: '11:00' }]],
    ['Mon 2-4pm', [{ days: [1], from: '14:00', to: '16:00' }]],
    ['Mon 10-2 p.m.', [{ days: [1], from: '10:00', to: '14:00' }]],
    [
      'Mo 8–10, 14–16',
      [
        { days: [1], from: '08:00', to: '10:00' },
        { days: [1], from: '14:00', to: '16:00' },
      ],
    ],
    ['  ', []],
  ])('reads %j', (text, windows) => {
    const parsed = parseReachText(text);
    expect(parsed).toEqual(windows);
    if (Array.isArray(parsed)) parsed.forEach((w) => expect(reachWindowSchema.parse(w)).toEqual(w));
  });

  it.each([
    ['Mo 8–10 abends', 'unknown_word', 'abends'],
    ['8–10 Uhr', 'missing_days', undefined],
    ['Di–Do', 'missing_time', undefined],
    ['ab Mo 14 Uhr', 'incomplete_range', '14'],
    ['Mo– 8–10', 'incomplete_range', undefined],
    ['Mo 24–25', 'invalid_time', '24–25'],
    ['Mo 8:75–9', 'invalid_time', '8:75–9'],
    ['Mo 0800–1000', 'invalid_time', '0800'],
    ['Mo 13pm–14pm', 'invalid_time', '13pm–14pm'],
    ['Mo 18–8', 'ends_before_start', '18–8'],
    ['Mo 10–10', 'ends_before_start', '10–10'],
  ])('refuses %j with %s', (text, error, near) => {
    const expected = near === undefined ? { error, segment: text } : { error, segment: text, near };
    expect(parseReachText(text)).toEqual(expected);
  });

  it('names the failing window when one of several cannot be read', () => {
    expect(parseReachText('Mo 8–10; Di 9; Mi 8–9')).toEqual({
      error: 'incomplete_range',
      segment: 'Di 9',
      near: '9',
    });
  });

  it('refuses more than seven windows', () => {
    const text = Array.from({ length: 8 }, (_, i) => `Mo ${i + 1}–${i + 2}`).join('; ');
    expect(parseReachText(text)).toMatchObject({ error: 'too_many_windows' });
  });
});

describe('formatReach', () => {
  const windows: ReachWindow[] = [
    { days: [2, 3, 4], from: '08:00', to: '10:00' },
    { days: [6, 7], from: '10:00', to: '12:00' },
    { days: [1, 3, 4, 5, 7], from: '14:00', to: '16:30' },
  ];

  it('writes German with day ranges of three or more', () => {
    expect(formatReach(windows, 'de')).toBe(
      'Di–Do 08:00–10:00; Sa, So 10:00–12:00; Mo, Mi–Fr, So 14:00–16:30',
    );
  });

  it('writes English with day ranges of three or more', () => {
    expect(formatReach(windows, 'en')).toBe(
      'Tue–Thu 08:00–10:00; Sat, Sun 10:00–12:00; Mon, Wed–Fri, Sun 14:00–16:30',
    );
  });

  it('writes nothing for no windows', () => {
    expect(formatReach([], 'de')).toBe('');
  });

  it.each(['de', 'en'] as const)('writes %s text that reads back to the same windows', (lang) => {
    expect(parseReachText(formatReach(windows, lang))).toEqual(windows);
  });
});
