// Field text forms shared by CSV and vCard: tags, languages, channels and cadences (reach windows
// are read by shared/reach-text.ts, tested there).
import { describe, expect, it } from 'vitest';
import { cleanTags, normalizeLanguage, parseCadence, parseChannel, splitTags } from './fields.js';

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
