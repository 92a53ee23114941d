// CSV import of real exports from Outlook, Excel and Google (test/fixtures): the suggested
// mapping, exact drafts, line numbers that match an editor, and every bad row with its code.
import { readFixture } from '../test/fixtures.js';
import { describe, expect, it } from 'vitest';
import { parseCsv, previewCsv } from './csv.js';

const importFile = (file: Uint8Array) => parseCsv(file, previewCsv(file).suggested);

describe('previewCsv', () => {
  it('reads German Outlook exports as Windows-1252 with ";" and maps the business columns', () => {
    const preview = previewCsv(readFixture('outlook-de.csv'));
    expect(preview).toMatchObject({ encoding: 'windows-1252', delimiter: ';', rowCount: 4 });
    const mapped = preview.columns
      .map((column, i) => [column, preview.suggested[i]])
      .filter(([, field]) => field);
    expect(mapped).toEqual([
      ['Vorname', 'givenName'],
      ['Weitere Vornamen', 'middleName'],
      ['Nachname', 'familyName'],
      ['Firma', 'companyName'],
      ['Position', 'role'],
      ['Straße geschäftlich', 'street'],
      ['Ort geschäftlich', 'city'],
      ['Postleitzahl geschäftlich', 'postalCode'],
      ['Land/Region geschäftlich', 'country'],
      ['Telefon geschäftlich', 'phone'],
      ['Telefon geschäftlich 2', 'phone'],
      ['Telefon privat', 'phone'],
      ['Mobiltelefon', 'phone'],
      ['E-Mail-Adresse', 'email'],
      ['E-Mail 2: Adresse', 'email'],
      ['Geburtstag', 'birthday'],
      ['Kategorien', 'tags'],
      ['Notizen', 'notes'],
    ]);
  });

  it('shows the first rows cleaned up, with line breaks inside cells as "\\n"', () => {
    const preview = previewCsv(readFixture('outlook-de.csv'), { sampleRows: 1 });
    expect(preview.sample).toHaveLength(1);
    expect(preview.sample[0]?.[26]).toBe(
      'Mag Fußball (VfB).\nTochter Lena, 12 Jahre.\nTermine nur vormittags; nie freitags.',
    );
  });

  it('reads UTF-8 with BOM and Google\'s "," files as UTF-8', () => {
    expect(previewCsv(readFixture('excel-utf8-bom.csv'))).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      rowCount: 3,
      columns: expect.arrayContaining(['Name', 'Straße']) as unknown,
    });
    expect(previewCsv(readFixture('google.csv'))).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      rowCount: 3,
    });
  });
});

describe('parseCsv with the suggested mapping', () => {
  it('imports the German Outlook export with umlauts, € and „quotes“ from Windows-1252', () => {
    expect(importFile(readFixture('outlook-de.csv'))).toEqual({
      rows: [
        {
          line: 2,
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
              'Mag Fußball (VfB).\nTochter Lena, 12 Jahre.\nTermine nur vormittags; nie freitags.',
            tags: ['Kunde', 'VIP'],
          },
        },
        {
          // The note of the row above spans lines 2 to 4.
          line: 5,
          draft: {
            name: 'Anna Maria Weiß',
            companyName: 'Weiß Maschinenbau AG',
            role: 'Geschäftsführerin',
            emails: ['anna.weiss@weiss-mb.de'],
            phones: ['0371 555-0', '0371 555-20'],
            address: {
              street: 'Industriestr. 5',
              postalCode: '09111',
              city: 'Chemnitz',
              country: 'Deutschland',
            },
            notes: 'Budget 2025: 50.000 € freigegeben – „Projekt Nord“.',
            tags: ['Interessent'],
          },
        },
        {
          line: 6,
          draft: {
            name: 'info@mueller-logistik.de',
            companyName: 'Müller Logistik KG',
            emails: ['info@mueller-logistik.de'],
            phones: ['+49 40 6543210'],
            address: {
              street: 'Große Elbstraße 145',
              postalCode: '22767',
              city: 'Hamburg',
              country: 'Deutschland',
            },
            tags: ['Lieferant'],
          },
        },
        {
          line: 7,
          draft: {
            name: 'Ömer Özdemir',
            companyName: 'Özdemir Feinkost',
            role: 'Inhaber',
            phones: ['0176 55501234'],
            address: { city: 'Köln' },
            birthday: { month: 12, day: 24, year: 1965 },
            notes: 'Kennt uns über die Messe in Köln.',
          },
        },
      ],
      errors: [],
    });
  });

  it('imports the Excel UTF-8 list with German dates, "" escapes and LF inside a cell', () => {
    expect(importFile(readFixture('excel-utf8-bom.csv'))).toEqual({
      rows: [
        {
          line: 2,
          draft: {
            name: 'Dr. Thomas Weiß',
            companyName: 'Weiß & Partner',
            role: 'Geschäftsführer',
            emails: ['t.weiss@weiss-partner.de'],
            phones: ['+49 89 4567890', '+49 170 1112233'],
            address: {
              street: 'Leopoldstraße 7',
              postalCode: '80802',
              city: 'München',
              country: 'Deutschland',
            },
            language: 'de',
            birthday: { month: 3, day: 14, year: null },
            notes: 'Rückruf erbeten; Thema "Wartungsvertrag".',
            tags: ['Kunde', 'Bayern'],
          },
        },
        {
          line: 3,
          draft: {
            name: 'Jürgen Groß',
            companyName: 'Groß & Söhne GmbH',
            role: 'Einkaufsleiter',
            emails: ['J.Gross@Gross-Soehne.de'],
            phones: ['+49 711 123450'],
            address: { city: 'Stuttgart', country: 'Deutschland' },
            language: 'de',
            birthday: { month: 3, day: 14, year: 1980 },
            notes: 'Erstkontakt auf der Messe\nZweiter Termin im Mai',
            tags: ['Kunde'],
          },
        },
        {
          line: 5,
          draft: {
            name: 'Sabine Müller-Lüdenscheidt',
            companyName: 'Lüdenscheidt Werkzeuge',
            role: 'Vertrieb',
            emails: ['s.mueller@luedenscheidt-werkzeuge.de'],
            phones: ['02351 98765'],
            address: {
              street: 'Altenaer Str. 33',
              postalCode: '58507',
              city: 'Lüdenscheid',
              country: 'Deutschland',
            },
            birthday: { month: 3, day: 7, year: 1971 },
          },
        },
      ],
      errors: [],
    });
  });

  it('imports the Google export: " ::: " lists, group labels and "--03-14"', () => {
    expect(importFile(readFixture('google.csv'))).toEqual({
      rows: [
        {
          line: 2,
          draft: {
            name: 'Elif Öztürk',
            companyName: 'Nordlicht Energie GmbH',
            role: 'Technische Leiterin',
            emails: ['elif.oeztuerk@nordlicht-energie.de', 'elif.oe@web.de'],
            phones: ['+49 421 5550123', '+49 151 5550199', '+49 151 5550198'],
            address: {
              street: 'Am Wall 12',
              postalCode: '28195',
              city: 'Bremen',
              country: 'Deutschland',
            },
            language: 'tr',
            birthday: { month: 7, day: 4, year: 1985 },
            notes: 'Technische Leiterin, Pilotprojekt Bremen.\nRückruf vormittags.',
            tags: ['Kunden', 'Energie'],
            interests: 'Segeln',
          },
        },
        {
          // Notes and the formatted address of the row above span lines 2 to 5.
          line: 6,
          draft: {
            name: 'Jürgen Groß',
            companyName: 'Groß & Söhne GmbH',
            role: 'Einkaufsleiter',
            emails: ['j.gross@gross-soehne.de'],
            phones: ['+49 711 123450'],
            birthday: { month: 3, day: 14, year: null },
            tags: ['starred'],
          },
        },
        {
          line: 7,
          draft: {
            name: 'Hans Becker',
            companyName: 'Becker Bau',
            emails: ['hans.becker@becker-bau.de'],
          },
        },
      ],
      errors: [],
    });
  });

  it('reports every bad row with its line and code and keeps the good ones', () => {
    const result = importFile(readFixture('bad-rows.csv'));
    expect(result.rows.map((r) => [r.line, r.draft.name])).toEqual([
      [2, 'Anna Ahrens'],
      [9, 'Paul Peters'],
      [12, 'Rita Roth'],
    ]);
    expect(result.rows[1]?.draft.notes).toBe('Zwei\nZeilen');
    expect(result.errors).toEqual([
      { line: 3, code: 'missing_name' },
      { line: 4, code: 'invalid_email', field: 'emails', detail: 'hans@' },
      { line: 5, code: 'invalid_date', field: 'birthday', detail: '31.02.1980' },
      { line: 6, code: 'invalid_date', field: 'birthday', detail: 'irgendwann im Mai' },
      { line: 7, code: 'too_many_columns', detail: '6 > 5' },
      { line: 8, code: 'invalid_phone', field: 'phones', detail: 'n/a' },
      { line: 8, code: 'invalid_email', field: 'emails', detail: 'nina@' },
    ]);
  });
});
