// Search folding: German spellings meet, other diacritics drop, tokens keep e-mails and phones.
import { describe, expect, it } from 'vitest';
import { foldText, foldTokens } from './fold.js';

describe('foldText', () => {
  it.each(['Mueller', 'Müller', 'MÜLLER', 'mueller', 'MUELLER', 'Mu\u0308ller', 'MU\u0308LLER'])(
    'folds %s to "mueller"',
    (name) => {
      expect(foldText(name)).toBe('mueller');
    },
  );

  it.each(['Weiß', 'WEISS', 'Weiss', 'WEIẞ', 'weiss'])('folds %s to "weiss"', (name) => {
    expect(foldText(name)).toBe('weiss');
  });

  it('spells out every umlaut and ß in a full name', () => {
    expect(foldText('Jürgen Groß')).toBe('juergen gross');
    expect(foldText('Jörg Bäcker-Öztürk')).toBe('joerg baecker-oeztuerk');
    expect(foldText('ÄÖÜ äöü ẞß')).toBe('aeoeue aeoeue ssss');
    expect(foldText('A\u0308rger O\u0308l')).toBe('aerger oel');
  });

  it('drops other diacritics and spells out ligatures', () => {
    expect(foldText('Renée François')).toBe('renee francois');
    expect(foldText('Søren Łukasz')).toBe('soren lukasz');
    expect(foldText('Æbeltoft Œuvre Åsa')).toBe('aebeltoft oeuvre asa');
    expect(foldText('Dvořák Đoković Þór')).toBe('dvorak dokovic thor');
    expect(foldText('ÉCOLE Ç')).toBe('ecole c');
  });

  it('folds compatibility forms and removes invisible format characters', () => {
    expect(foldText('Ｍüｌｌｅｒ')).toBe('mueller');
    expect(foldText('Kaf\u00adfee\u200b')).toBe('kaffee');
    expect(foldText('ﬁnn')).toBe('finn');
  });

  it('lower-cases without the locale, so a capital I stays an i', () => {
    expect(foldText('INGRID İlhan')).toBe('ingrid ilhan');
  });

  it('collapses and trims whitespace of any kind', () => {
    expect(foldText('  Anna \t\n Maria\u00a0 Schmidt  ')).toBe('anna maria schmidt');
    expect(foldText('')).toBe('');
    expect(foldText(' \n ')).toBe('');
  });

  it('leaves punctuation and digits alone', () => {
    expect(foldText('Müller-Lüdenscheidt GmbH & Co. KG, +49 89 123')).toBe(
      'mueller-luedenscheidt gmbh & co. kg, +49 89 123',
    );
  });

  it.each([
    'Jürgen Groß',
    'MÜLLER',
    'Mu\u0308ller',
    'Renée Søren Æbeltoft',
    'Ｍüｌｌｅｒ ﬁnn',
    'İlhan ǅemal',
    '  a \t b ',
    '😀 Weiß',
  ])('is idempotent on %j', (s) => {
    const once = foldText(s);
    expect(foldText(once)).toBe(once);
  });

  it.each([
    ['plain ASCII', 'aZ09 \t\n\r-.,@+()&_~'],
    ['Latin letters with accents', 'aZ0 \tÄöÜßẞéÇøłİıǅĳ\u00ad\u00a0\u00b2½-'],
  ])('folds %s on its short path exactly as the full path does', (_name, alphabet) => {
    // A zero-width space sends the same text down the full path, which removes it again.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const chars = [...alphabet];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: next() % 24 }, () => chars[next() % chars.length]).join('');
      expect(foldText(text)).toBe(foldText(`${text}\u200b`));
    }
  });
});

describe('foldTokens', () => {
  it('splits folded words on anything but letters and digits', () => {
    expect(foldTokens('Jürgen Groß, Müller-Lüdenscheidt GmbH & Co. KG')).toEqual([
      'juergen',
      'gross',
      'mueller',
      'luedenscheidt',
      'gmbh',
      'co',
      'kg',
    ]);
  });

  it('keeps an e-mail address whole and also yields its parts', () => {
    expect(foldTokens('Mail: Anna.Müller+CRM@Firma-Süd.de.')).toEqual([
      'mail',
      'anna.mueller+crm@firma-sued.de',
      'anna',
      'mueller',
      'crm',
      'firma',
      'sued',
      'de',
    ]);
  });

  it('joins the digits of a phone number and also yields each group', () => {
    expect(foldTokens('Tel. +49 (0)89 123-456')).toEqual([
      'tel',
      '49089123456',
      '49',
      '0',
      '89',
      '123',
      '456',
    ]);
    expect(foldTokens('0171/1234567')).toEqual(['01711234567', '0171', '1234567']);
  });

  it('finds a phone number typed without separators as one digit token', () => {
    expect(foldTokens('01711234567')).toEqual(['01711234567']);
  });

  it('does not join short digit groups such as times or house numbers', () => {
    expect(foldTokens('Hauptstr. 12 3 OG, 9-11 Uhr')).toEqual([
      'hauptstr',
      '12',
      '3',
      'og',
      '9',
      '11',
      'uhr',
    ]);
  });

  it('keeps letters and digits together in one word', () => {
    expect(foldTokens('Typ A4711 und 0815abc')).toEqual(['typ', 'a4711', 'und', '0815abc']);
  });

  it('joins a word around an apostrophe and also yields its parts', () => {
    expect(foldTokens("Sean O'Brien")).toEqual(['sean', 'obrien', 'o', 'brien']);
    expect(foldTokens('D’Angelo')).toEqual(['dangelo', 'd', 'angelo']);
  });

  it('yields each token once, in order of first appearance', () => {
    expect(foldTokens('Müller mueller MÜLLER Weiß')).toEqual(['mueller', 'weiss']);
  });

  it('yields nothing for text without letters or digits', () => {
    expect(foldTokens('')).toEqual([]);
    expect(foldTokens(' - / , ')).toEqual([]);
  });

  it('gives the same tokens for folded and unfolded text', () => {
    const s = 'Jürgen Groß <j.gross@bäckerei.de>, Tel. +49 171 1234567';
    expect(foldTokens(foldText(s))).toEqual(foldTokens(s));
  });
});
