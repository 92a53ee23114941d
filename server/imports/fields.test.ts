// Field text forms shared by CSV and vCard: tags, languages, channels, cadences and reach windows.
import { describe, expect, it } from 'vitest';
import {
  cleanTags,
  formatBestReach,
  normalizeLanguage,
  parseBestReach,
  parseCadence,
  parseChannel,
  splitTags,
} from './fields.js';

describe('tags', () => {
  it.each([
    ['Kunde;VIP', ['Kunde', 'VIP']],
    ['Kunde, VIP, kunde', ['Kunde', 'VIP']],
    ['* myContacts ::: Kunden ::: * starred', ['Kunden', 'starred']],
    [' ; , ', []],
  ])('splits %j', (cell, tags) => {
    expect(splitTags(cell)).toEqual(tags);
  });

  it('drops Google\'s "myContacts" also without the "* " marker', () => {
    expect(cleanTags(['myContacts', 'Kunden'])).toEqual(['Kunden']);
  });
});

describe('normalizeLanguage', () => {
  it.each([
    ['de', 'de'],
    ['DE', 'de'],
    ['de_at', 'de-AT'],
    ['EN-us', 'en-US'],
    ['Deutsch', 'de'],
    ['english', 'en'],
    ['Klingonisch', 'Klingonisch'],
  ])('turns %j into %j', (text, tag) => {
    expect(normalizeLanguage(text)).toBe(tag);
  });
});

describe('parseChannel and parseCadence', () => {
  it('reads channels in German and English', () => {
    expect(['Telefon', 'E-Mail', 'video', 'Besuch', 'Fax'].map(parseChannel)).toEqual([
      'phone',
      'email',
      'lounge',
      'visit',
      null,
    ]);
  });

  it('reads whole days only', () => {
    expect(['30', ' 7 ', '1.5', 'oft', '-3'].map(parseCadence)).toEqual([30, 7, null, null, null]);
  });
});

describe('best reach', () => {
  it('reads day lists and ranges and writes them back', () => {
    const windows = parseBestReach('1-3,5 08:00-10:00; 6 09:30 - 11:00;');
    expect(windows).toEqual([
      { days: [1, 2, 3, 5], from: '08:00', to: '10:00' },
      { days: [6], from: '09:30', to: '11:00' },
    ]);
    expect(formatBestReach(windows ?? [])).toBe('1,2,3,5 08:00-10:00; 6 09:30-11:00');
  });

  it('refuses text that is not in that form', () => {
    expect(parseBestReach('dienstags vormittags')).toBeNull();
    expect(parseBestReach('8 08:00-10:00')).toBeNull();
  });
});
