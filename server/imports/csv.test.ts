// CSV import rules: separators, line numbers, empty and broken rows, mappings, and speed.
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.js';
import type { ColumnMapping } from './csv.mapping.js';
import { detectDelimiter, parseCsv, previewCsv } from './csv.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const importFile = (file: Uint8Array) => parseCsv(file, previewCsv(file).suggested);

describe('previewCsv', () => {
  it('throws Invalid for an empty file, a file of empty lines and a binary file', () => {
    expect(() => previewCsv(bytes(''))).toThrow(Invalid);
    expect(() => previewCsv(bytes('\r\n;;;\r\n\r\n'))).toThrow('The file is empty');
    expect(() => previewCsv(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toThrow(
      'not a text file',
    );
  });

  it('rejects a sample size outside 0 to 100', () => {
    expect(() => previewCsv(bytes('Name\nA'), { sampleRows: 1000 })).toThrow();
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Name;Firma;E-Mail', ';'],
    ['Name,Company,E-mail', ','],
    ['Name\tFirma\tE-Mail', '\t'],
    ['"Name, voll";"Firma"', ';'],
    ['"Müller; Hans",Firma,Ort', ','],
    ['Name', ';'],
    ['\r\n\r\nName,Firma', ','],
  ])('finds the separator of %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});

describe('parseCsv', () => {
  const mapping: ColumnMapping = ['name', 'email', 'notes'];

  it('accounts for every data row: imported, reported, or an empty line', () => {
    const file = bytes('Name;E-Mail;Notiz\n\nA;a@x.de;\n   \n;;\n;;nur Notiz\nB;b@x.de;x\n');
    const result = parseCsv(file, mapping);
    expect(result.rows.map((r) => r.line)).toEqual([3, 7]);
    expect(result.errors).toEqual([{ line: 6, code: 'missing_name' }]);
  });

  it('counts lines across quoted line breaks in CRLF, LF and CR files', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const file = bytes(['Name;E-Mail;Notiz', 'A;a@x.de;"1\r\n2\n3"', '', 'B;b@;x'].join(eol));
      expect(parseCsv(file, mapping)).toMatchObject({
        rows: [{ line: 2, draft: { name: 'A', notes: '1\n2\n3' } }],
        errors: [{ line: 6, code: 'invalid_email' }],
      });
    }
  });

  it('honours an Excel "sep=" line and counts it as line 1', () => {
    const result = parseCsv(
      bytes('sep=,\r\nName,E-Mail,Notiz\r\n"Weiß; Anna",a@x.de,\r\n'),
      mapping,
    );
    expect(result.rows).toEqual([{ line: 3, draft: { name: 'Weiß; Anna', emails: ['a@x.de'] } }]);
  });

  it('reports an unclosed quote once, at the line where the broken row starts', () => {
    const result = parseCsv(
      bytes('Name;E-Mail;Notiz\nA;a@x.de;ok\nB;b@x.de;"offen\nC;c@x.de;x\n'),
      mapping,
    );
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors).toMatchObject([{ line: 3, code: 'malformed_row' }]);
  });

  it('keeps quotes inside unquoted cells as typed (27" Monitor)', () => {
    const result = parseCsv(bytes('Name;E-Mail;Notiz\nA;a@x.de;will 27" Monitor\n'), mapping);
    expect(result.rows[0]?.draft.notes).toBe('will 27" Monitor');
  });

  it('accepts empty cells beyond the header but reports values there', () => {
    const result = parseCsv(bytes('Name;E-Mail;Notiz\nA;a@x.de;;;\nB;b@x.de;;;x\n'), mapping);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors).toEqual([{ line: 3, code: 'too_many_columns', detail: '5 > 3' }]);
  });

  it('removes the export\'s formula guard and takes "Name <address>"', () => {
    const result = parseCsv(
      bytes("Name;E-Mail;Notiz\nA;Anna A. <Anna@X.de>, b@x.de;'- erster Punkt\n"),
      mapping,
    );
    expect(result.rows[0]?.draft).toEqual({
      name: 'A',
      emails: ['Anna@X.de', 'b@x.de'],
      notes: '- erster Punkt',
    });
  });

  it('joins name parts, collects several e-mail, phone, note and tag columns and drops repeats', () => {
    const file = bytes(
      'Vorname;Nachname;E-Mail;E-Mail 2;Telefon;Mobil;Notizen;Bemerkung;Tags;Kategorien\n' +
        'Jürgen;Groß;j@x.de;J@X.de;0711 1;0711 1;eins;zwei;Kunde;kunde, VIP\n',
    );
    expect(importFile(file).rows[0]?.draft).toEqual({
      name: 'Jürgen Groß',
      emails: ['j@x.de'],
      phones: ['0711 1'],
      notes: 'eins\n\nzwei',
      tags: ['Kunde', 'VIP'],
    });
  });

  it("reads Nahbar's own fields and reports what it cannot read", () => {
    const file = bytes(
      'Name;Preferred Channel;Cadence Days;Best Reach;Time Zone;Language\n' +
        'A;Telefon;30;"Di–Do 8–10 Uhr; Fr 14:00-16:00";Europe/Berlin;DE_at\n' +
        'B;Brieftaube;oft;dienstags;Mars/Olympus;Klingonisch\n',
    );
    const result = importFile(file);
    expect(result.rows).toEqual([
      {
        line: 2,
        draft: {
          name: 'A',
          preferredChannel: 'phone',
          cadenceDays: 30,
          bestReach: [
            { days: [2, 3, 4], from: '08:00', to: '10:00' },
            { days: [5], from: '14:00', to: '16:00' },
          ],
          timeZone: 'Europe/Berlin',
          language: 'de-AT',
        },
      },
    ]);
    expect(result.errors).toEqual([
      { line: 3, code: 'invalid_field', field: 'preferredChannel', detail: 'Brieftaube' },
      { line: 3, code: 'invalid_field', field: 'cadenceDays', detail: 'oft' },
      { line: 3, code: 'invalid_field', field: 'bestReach', detail: 'dienstags' },
      { line: 3, code: 'invalid_field', field: 'language', detail: 'Klingonisch' },
      { line: 3, code: 'invalid_field', field: 'timeZone', detail: 'Mars/Olympus' },
    ]);
  });

  it('reports too many e-mail addresses and too long values', () => {
    const emails = Array.from({ length: 11 }, (_, i) => `p${i}@x.de`).join(', ');
    const result = parseCsv(bytes(`Name;E-Mail;Notiz\n${'x'.repeat(121)};${emails};\n`), mapping);
    expect(result.errors).toEqual([
      { line: 2, code: 'invalid_field', field: 'name', detail: 'x'.repeat(121) },
      { line: 2, code: 'too_many_values', field: 'emails' },
    ]);
  });

  it('throws Invalid when the mapping does not fit the file', () => {
    const file = bytes('Name;E-Mail;Notiz\nA;a@x.de;\n');
    expect(() => parseCsv(file, ['name', 'email'])).toThrow('the file has 3 columns');
    expect(() => parseCsv(file, ['name', 'name', null])).toThrow(Invalid);
    expect(() => parseCsv(file, ['notes', null, null])).toThrow('Map at least one column');
    expect(() => parseCsv(file, ['nickname', null, null] as unknown as ColumnMapping)).toThrow(
      'The column mapping is invalid',
    );
  });

  it('parses 100,000 rows in about a second (asserted under 8 s against busy machines)', () => {
    const lines = [
      'Vorname;Nachname;E-Mail-Adresse;Firma;Telefon geschäftlich;Geburtstag;Kategorien;Notizen',
    ];
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        `Jürgen${i};Groß;j${i}@gross-soehne.de;Groß & Söhne GmbH;+49 711 ${i};14.3.1980;Kunde;"Notiz ${i}\r\nzweite Zeile; mit ""Zitat"""`,
      );
    }
    const file = bytes(lines.join('\r\n'));
    const mapping = previewCsv(file).suggested;
    const started = performance.now();
    const result = parseCsv(file, mapping);
    const seconds = (performance.now() - started) / 1000;
    expect(result.rows).toHaveLength(100_000);
    expect(result.errors).toEqual([]);
    expect(result.rows.at(-1)?.line).toBe(200_000);
    // About 1 s on an idle 2-core machine (1.5 s while other suites run); the bound is
    // generous so that a busy machine cannot make it flaky.
    expect(seconds).toBeLessThan(8);
  });
});
