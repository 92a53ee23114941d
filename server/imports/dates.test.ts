// Birthdays in every form the exports write them, and the ones that are refused.
import { describe, expect, it } from 'vitest';
import { formatBirthday, parseBirthday } from './dates.js';

describe('parseBirthday', () => {
  it.each([
    ['14.03.1980', 3, 14, 1980],
    ['14.3.1980', 3, 14, 1980],
    ['14. 3. 1980', 3, 14, 1980],
    ['14.03.1980 00:00:00', 3, 14, 1980],
    ['14.3.', 3, 14, null],
    ['1980-03-14', 3, 14, 1980],
    ['1980-03-14T00:00:00Z', 3, 14, 1980],
    ['1980-03-14T00:00:00.000+01:00', 3, 14, 1980],
    ['19800314', 3, 14, 1980],
    ['19800314T000000Z', 3, 14, 1980],
    ['--03-14', 3, 14, null],
    ['--0314', 3, 14, null],
    ['3/14/1980', 3, 14, 1980],
    ['3/4/1980', 3, 4, 1980],
    ['14/3/1980', 3, 14, 1980],
    [' 1.2.1990 ', 2, 1, 1990],
  ])('reads %j', (text, month, day, year) => {
    expect(parseBirthday(text)).toEqual({ kind: 'date', birthday: { month, day, year } });
  });

  it.each(['', '  ', '0.0.00', '0/0/00', '00.00.0000'])(
    'reads %j as no birthday (Outlook writes 0.0.00)',
    (text) => {
      expect(parseBirthday(text)).toEqual({ kind: 'empty' });
    },
  );

  it.each([
    'gestern',
    '14.03.80',
    '13/13/1980',
    '1980-13-01',
    '32.1.1980',
    '0.3.',
    '29294',
    '14-03-1980',
  ])('refuses %j', (text) => {
    expect(parseBirthday(text)).toEqual({ kind: 'invalid' });
  });

  it('leaves impossible days of a month to the schema', () => {
    expect(parseBirthday('31.02.1980')).toEqual({
      kind: 'date',
      birthday: { month: 2, day: 31, year: 1980 },
    });
  });
});

describe('formatBirthday', () => {
  it('writes ISO dates and --MM-DD without a year, which parseBirthday reads back', () => {
    for (const birthday of [
      { month: 3, day: 14, year: 1980 },
      { month: 12, day: 1, year: null },
    ]) {
      expect(parseBirthday(formatBirthday(birthday))).toEqual({ kind: 'date', birthday });
    }
    expect(formatBirthday({ month: 3, day: 4, year: null })).toBe('--03-04');
  });
});
