// vCard import: Google, Apple, Outlook and vCard 4.0 files read into exact drafts, and cards
// that cannot be read reported at their BEGIN:VCARD line.
import { readFixture } from '../test/fixtures.js';
import { describe, expect, it } from 'vitest';
import { parseVcards, splitValue, unescapeValue } from './vcard.js';

const card = (...lines: string[]) =>
  new TextEncoder().encode(['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n'));

describe('parseVcards', () => {
  it('imports a Google Contacts export: folded lines, escapes, myContacts dropped', () => {
    expect(parseVcards(readFixture('google.vcf'))).toEqual({
      rows: [
        {
          line: 1,
          draft: {
            name: 'Jürgen Groß',
            companyName: 'Groß & Söhne GmbH',
            role: 'Einkaufsleiter',
            emails: ['j.gross@gross-soehne.de', 'juergen.gross@gmx.de'],
            phones: ['+49 711 123450', '+49 171 2345678'],
            address: {
              street: 'Königstraße 12',
              postalCode: '70173',
              city: 'Stuttgart',
              country: 'Deutschland',
            },
            birthday: { month: 3, day: 14, year: 1980 },
            notes:
              'Mag Fußball (VfB) und war 2019 beim Pokalfinale in Berlin.\nTochter Lena, 12 Jahre.\nTermine nur vormittags; nie freitags.',
            tags: ['Kunden'],
          },
        },
        {
          line: 20,
          draft: {
            name: 'Elif Öztürk',
            companyName: 'Nordlicht Energie GmbH',
            role: 'Technische Leiterin',
            emails: ['elif.oeztuerk@nordlicht-energie.de'],
            phones: ['+49 151 5550199'],
            birthday: { month: 7, day: 4, year: null },
          },
        },
      ],
      errors: [],
    });
  });

  it('imports Apple Contacts: item groups, pref first, work address, no fax, photo skipped', () => {
    expect(parseVcards(readFixture('apple.vcf'))).toEqual({
      rows: [
        {
          line: 1,
          draft: {
            name: 'Dr. Anna Maria Weiß',
            companyName: 'Weiß Maschinenbau AG',
            role: 'Geschäftsführerin',
            emails: ['anna.weiss@weiss-mb.de', 'a.weiss@gmx.de'],
            phones: ['+49 171 5550101', '+49 371 555-0'],
            address: {
              street: 'Industriestr. 5\nHalle 3',
              postalCode: '09111',
              city: 'Chemnitz',
              country: 'Deutschland',
            },
            birthday: { month: 8, day: 23, year: 1972 },
            notes: 'Entscheidet über Investitionen ab 100.000 €.\nSpricht gern über Segeln.',
            tags: ['Kunden', 'Maschinenbau'],
          },
        },
        {
          // The photo above takes many folded lines; the company card starts after it.
          line: 41,
          draft: {
            name: 'Müller Logistik KG',
            companyName: 'Müller Logistik KG',
            emails: ['info@mueller-logistik.de'],
            phones: ['+49 40 6543210'],
          },
        },
        { line: 52, draft: { name: 'Hans Becker', birthday: { month: 11, day: 2, year: null } } },
      ],
      errors: [],
    });
  });

  it('imports Outlook 2.1: bare parameters, quoted-printable with soft breaks and charsets', () => {
    expect(parseVcards(readFixture('outlook.vcf'))).toEqual({
      rows: [
        {
          line: 1,
          draft: {
            name: 'Hans-Jürgen Müller',
            companyName: 'Müller Logistik KG',
            role: 'Vertriebsleiter',
            emails: ['hj.mueller@mueller-logistik.de', 'hjm@posteo.de'],
            phones: ['+49 40 6543210', '+49 160 9876543'],
            address: {
              street: 'Große Elbstraße 145',
              postalCode: '22767',
              city: 'Hamburg',
              country: 'Deutschland',
            },
            birthday: { month: 1, day: 2, year: 1975 },
            notes:
              'Gespräch auf der Hannover Messe; möchte ein Angebot bis Ende April.\nTochter studiert in München.',
          },
        },
        {
          line: 31,
          draft: {
            name: 'Petra Schäfer',
            emails: ['petra.schaefer@rheinland-druck.de'],
            notes: 'Grüße aus Köln',
          },
        },
      ],
      errors: [],
    });
  });

  it('imports vCard 4.0: tel: URIs, PREF order, --0314, LANG, IANA zones only', () => {
    expect(parseVcards(readFixture('v4.vcf'))).toEqual({
      rows: [
        {
          line: 1,
          draft: {
            name: 'Elif Öztürk',
            companyName: 'Nordlicht Energie GmbH',
            role: 'Technische Leiterin',
            emails: ['elif.oeztuerk@nordlicht-energie.de', 'elif.oe@web.de'],
            phones: ['+49-421-555-0123', '+49-151-5550199'],
            address: {
              street: 'Am Wall 12',
              postalCode: '28195',
              city: 'Bremen',
              country: 'Deutschland',
            },
            language: 'tr',
            timeZone: 'Europe/Berlin',
            birthday: { month: 3, day: 14, year: null },
            notes: 'Ansprechpartnerin für das Pilotprojekt; Rückruf vormittags.',
            tags: ['kunde', 'energie'],
          },
        },
        {
          line: 22,
          draft: {
            name: 'Jonas Berger',
            emails: ['jonas.berger@berger-it.at'],
            phones: ['+43-1-5550100 ext. 12'],
            language: 'de-AT',
            birthday: { month: 3, day: 14, year: 1980 },
          },
        },
      ],
      errors: [],
    });
  });

  it('reports a card without a name and a card without END:VCARD at their first line', () => {
    expect(parseVcards(readFixture('broken.vcf'))).toEqual({
      rows: [{ line: 1, draft: { name: 'Anna Ahrens', emails: ['anna@ahrens.de'] } }],
      errors: [
        { line: 6, code: 'missing_name' },
        { line: 11, code: 'unterminated_card' },
      ],
    });
  });

  it('falls back from FN to N, then to the company, then to the e-mail address', () => {
    const names = [
      card('N:Weiß;Anna;;Dr.;'),
      card('N:;;;;', 'ORG:Weiß AG;Einkauf'),
      card('EMAIL:anna@weiss.de'),
    ].map((file) => parseVcards(file).rows[0]?.draft.name);
    expect(names).toEqual(['Dr. Anna Weiß', 'Weiß AG', 'anna@weiss.de']);
  });

  it('reports bad values of a card with its line and the value as written', () => {
    const file = card('FN:Anna', 'EMAIL:anna@', 'BDAY:30.02.1980', 'TEL:unbekannt');
    expect(parseVcards(file)).toEqual({
      rows: [],
      errors: [
        { line: 1, code: 'invalid_phone', field: 'phones', detail: 'unbekannt' },
        { line: 1, code: 'invalid_email', field: 'emails', detail: 'anna@' },
        { line: 1, code: 'invalid_date', field: 'birthday', detail: '30.02.1980' },
      ],
    });
    expect(parseVcards(card('FN:Anna', 'BDAY;VALUE=text:circa 1980')).errors).toEqual([
      { line: 1, code: 'invalid_date', field: 'birthday', detail: 'circa 1980' },
    ]);
  });

  it('keeps the PO box when there is no street, and only IANA time zones', () => {
    const file = card('FN:Anna', 'ADR;TYPE=HOME:Postfach 12 34;;;Köln;;50667;', 'TZ:-05:00');
    expect(parseVcards(file).rows[0]?.draft).toEqual({
      name: 'Anna',
      address: { street: 'Postfach 12 34', postalCode: '50667', city: 'Köln' },
    });
  });

  it("reads Nahbar's own X-NAHBAR properties", () => {
    const file = card(
      'FN:Anna',
      'X-NAHBAR-FAMILY:Zwei Kinder',
      'X-NAHBAR-PREFERRED-CHANNEL:lounge',
      'X-NAHBAR-CADENCE-DAYS:14',
      'X-NAHBAR-BEST-REACH:Mo\\, Mi 09:00–11:00',
    );
    expect(parseVcards(file).rows[0]?.draft).toEqual({
      name: 'Anna',
      family: 'Zwei Kinder',
      preferredChannel: 'lounge',
      cadenceDays: 14,
      bestReach: [{ days: [1, 3], from: '09:00', to: '11:00' }],
    });
  });
});

describe('vCard values', () => {
  it('unescapes \\n, \\, \\; and \\\\', () => {
    expect(unescapeValue('a\\nb\\, c\\; d\\\\e\\N')).toBe('a\nb, c; d\\e\n');
  });

  it('splits structured values only on unescaped separators', () => {
    expect(splitValue('Groß\\; Söhne;Jürgen;;', ';')).toEqual(['Groß; Söhne', 'Jürgen', '', '']);
    expect(splitValue('a\\,b,c', ',')).toEqual(['a,b', 'c']);
  });
});
