// Export: the CSV opens in German Excel and maps back by itself, vCards follow the 3.0 rules,
// and both import back into the very same contacts.
import { describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import { parseCsv, previewCsv } from './csv.js';
import {
  csvCell,
  escapeValue,
  exportCsv,
  exportVcards,
  foldLine,
  type ExportContact,
} from './export.js';
import { parseVcards } from './vcard.js';

const contact = (input: Parameters<typeof contactInputSchema.parse>[0]): ExportContact =>
  contactInputSchema.parse(input);

const contacts: ExportContact[] = [
  contact({
    name: 'Jürgen Groß',
    companyName: 'Groß & Söhne GmbH; Stuttgart',
    role: 'Einkaufsleiter',
    emails: ['j.gross@gross-soehne.de', 'juergen.gross@gmx.de', 'jg@posteo.de'],
    phones: ['+49 711 123450', '+49 171 2345678'],
    address: {
      street: 'Königstraße 12',
      postalCode: '70173',
      city: 'Stuttgart',
      country: 'Deutschland',
    },
    language: 'de',
    timeZone: 'Europe/Berlin',
    bestReach: [
      { days: [2, 3, 4], from: '08:00', to: '10:00' },
      { days: [5], from: '14:00', to: '16:00' },
    ],
    family: 'Tochter Lena (12), Sohn Max (9)',
    interests: 'VfB Stuttgart, Wandern; Oldtimer',
    homeOffice: 'montags',
    birthday: { month: 3, day: 14, year: 1980 },
    preferredChannel: 'phone',
    notes: '- Rückruf vormittags; nie freitags.\nAngebot "Wartung 2025" offen.\n\n=Formel? Nein.',
    tags: ['key account', 'kunde'],
    cadenceDays: 14,
  }),
  contact({
    name: 'Anna Maria Weiß',
    companyName: 'Weiß Maschinenbau AG',
    emails: ['anna.weiss@weiss-mb.de'],
    phones: ['0371 555-0'],
    address: { street: 'Industriestr. 5\nHalle 3', city: 'Chemnitz' },
    language: 'de-AT',
    birthday: { month: 2, day: 29, year: null },
    preferredChannel: 'lounge',
    notes: 'Backslash \\ und Komma, Semikolon; Doppelpunkt: fertig',
    tags: ['prospect'],
  }),
  contact({ name: 'Müller' }),
  contact({
    name: 'Dr. Ömer Özdemir-Schäfer von und zu Großenhain-Lüdenscheid',
    notes:
      'Ein sehr langer Text mit Umlauten äöüÄÖÜß und €, der über mehrere gefaltete Zeilen geht. '.repeat(
        4,
      ),
    phones: ['+49 (0) 351 / 123 45-67'],
  }),
];

// What the schema makes of a draft; an exported contact imports back as itself.
const parsedDrafts = (result: ReturnType<typeof parseCsv>) =>
  result.rows.map((r) => contactInputSchema.parse(r.draft));

describe('exportCsv', () => {
  it('writes UTF-8 with BOM, ";" and CRLF, with a stable header', () => {
    const file = exportCsv(contacts);
    expect([...file.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(file);
    expect(text.split('\r\n')[0]).toBe(
      'Name;Company;Role;E-mail 1;E-mail 2;E-mail 3;Phone 1;Phone 2;Street;Postal Code;City;Country;' +
        'Language;Time Zone;Birthday;Notes;Tags;Family;Interests;Home Office;Preferred Channel;' +
        'Cadence Days;Best Reach',
    );
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes one e-mail and phone column even when nobody has one', () => {
    const text = new TextDecoder().decode(exportCsv([contact({ name: 'Müller' })]));
    // Name, Company, Role, E-mail 1, Phone 1 and 15 more: 20 columns.
    expect(text.split('\r\n')[1]).toBe(`Müller${';'.repeat(19)}`);
  });

  it('is mapped back automatically by previewCsv', () => {
    const preview = previewCsv(exportCsv(contacts));
    expect(preview.suggested).toEqual([
      'name',
      'companyName',
      'role',
      'email',
      'email',
      'email',
      'phone',
      'phone',
      'street',
      'postalCode',
      'city',
      'country',
      'language',
      'timeZone',
      'birthday',
      'notes',
      'tags',
      'family',
      'interests',
      'homeOffice',
      'preferredChannel',
      'cadenceDays',
      'bestReach',
    ]);
  });

  it('imports back into equal contacts', () => {
    const file = exportCsv(contacts);
    const result = parseCsv(file, previewCsv(file).suggested);
    expect(result.errors).toEqual([]);
    expect(parsedDrafts(result)).toEqual(contacts);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a;b', '"a;b"'],
    ['Zeile 1\nZeile 2', '"Zeile 1\nZeile 2"'],
    ['27" Monitor', '"27"" Monitor"'],
    ['+49 711 1', "'+49 711 1"],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['-5', "'-5"],
    ['@sum', "'@sum"],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers and empty values', () => {
    expect([csvCell(14), csvCell(null), csvCell(undefined)]).toEqual(['14', '', '']);
  });
});

describe('exportVcards', () => {
  const text = exportVcards(contacts);

  it('writes vCard 3.0 with CRLF and no line longer than 75 octets', () => {
    const lines = text.split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Jürgen Groß',
      'N:Groß;Jürgen;;;',
      'ORG:Groß & Söhne GmbH\\; Stuttgart',
    ]);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('escapes text values and writes a birthday without year as --MM-DD', () => {
    expect(text).toContain('NOTE:Backslash \\\\ und Komma\\, Semikolon\\; Doppelpunkt: fertig\r\n');
    expect(text).toContain('BDAY:--02-29\r\n');
    expect(text).toContain('ADR;TYPE=WORK:;;Industriestr. 5\\nHalle 3;Chemnitz;;;\r\n');
    expect(text).toContain('CATEGORIES:key account,kunde\r\n');
  });

  it('imports back into equal contacts', () => {
    const result = parseVcards(new TextEncoder().encode(text));
    expect(result.errors).toEqual([]);
    const begins = text.split('\r\n').flatMap((l, i) => (l === 'BEGIN:VCARD' ? [i + 1] : []));
    expect(result.rows.map((r) => r.line)).toEqual(begins);
    expect(parsedDrafts(result)).toEqual(contacts);
  });
});

describe('foldLine', () => {
  it('folds at 75 octets without splitting a character', () => {
    const line = `NOTE:${'ä'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    // 5 + 200 octets: 75 on the first line, then a space and at most 74 more per line.
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 57]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
  });

  it('leaves short lines alone', () => {
    expect(foldLine('FN:Anna')).toBe('FN:Anna');
  });
});

describe('escapeValue', () => {
  it('escapes backslash, comma, semicolon and every kind of line break', () => {
    expect(escapeValue('a\\b,c;d\r\ne\nf\rg')).toBe('a\\\\b\\,c\\;d\\ne\\nf\\ng');
  });
});
