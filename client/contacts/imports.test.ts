import { beforeAll, describe, expect, it } from 'vitest';
import type { CsvPreviewView } from '../api/contacts';
import {
  columnSamples,
  describeDelimiter,
  describeImportError,
  describeTarget,
  importFileKind,
  importProgressText,
  initialMapping,
  mappingProblems,
} from './imports';
import { contactsT } from './testing';
import type { ContactsT } from './today';

let de: ContactsT;
let en: ContactsT;
beforeAll(async () => {
  ({ de, en } = await contactsT());
});

const preview: CsvPreviewView = {
  encoding: 'windows-1252',
  delimiter: ';',
  columns: ['Name', 'Firma', 'E-Mail', 'Lieblingsfarbe'],
  sample: [
    ['Anna Berger', 'Berger Fräsen', 'anna@berger.example', ''],
    ['Jonas Keller', '', 'jonas@keller.example', 'blau'],
  ],
  suggested: ['name', 'companyName', 'email', 'color'],
  targets: ['name', 'companyName', 'email', 'phone'],
  rowCount: 2,
};

describe('importFileKind', () => {
  it('tells CSV from vCard by name, then by type', () => {
    expect(importFileKind({ name: 'Kunden.CSV', type: '' })).toBe('csv');
    expect(importFileKind({ name: 'karten.vcf', type: '' })).toBe('vcard');
    expect(importFileKind({ name: 'export', type: 'text/vcard' })).toBe('vcard');
    expect(importFileKind({ name: 'liste.xlsx', type: 'application/vnd.ms-excel' })).toBeNull();
  });
});

describe('initialMapping', () => {
  it('takes the suggestion per column and switches off targets the server does not offer', () => {
    expect(initialMapping(preview)).toEqual(['name', 'companyName', 'email', null]);
  });

  it('fills missing suggestions with null', () => {
    expect(initialMapping({ ...preview, suggested: ['name'] })).toEqual(['name', null, null, null]);
  });
});

describe('mappingProblems', () => {
  it('accepts several columns for e-mail, phone, notes and tags', () => {
    const problems = mappingProblems(['name', 'email', 'email', 'notes', 'notes', null]);
    expect([...problems.duplicates]).toEqual([]);
    expect(problems.missingName).toBe(false);
  });

  it('flags the later columns that repeat a single-value target', () => {
    const problems = mappingProblems(['givenName', 'companyName', 'companyName', 'companyName']);
    expect([...problems.duplicates]).toEqual([2, 3]);
  });

  it('needs a source for the name, an e-mail address being enough', () => {
    expect(mappingProblems(['companyName', 'phone', null]).missingName).toBe(true);
    expect(mappingProblems(['companyName', 'email']).missingName).toBe(false);
  });
});

describe('columnSamples', () => {
  it('lists the non-empty values of a column', () => {
    expect(columnSamples(preview, 1)).toEqual(['Berger Fräsen']);
    expect(columnSamples(preview, 3)).toEqual(['blau']);
  });
});

describe('words', () => {
  it('names delimiters and targets, and shows unknown ones as they are', () => {
    expect(describeDelimiter(';', de)).toBe('Semikolon (;)');
    expect(describeDelimiter('\t', en)).toBe('tab');
    expect(describeTarget('companyName', de)).toBe('Firma');
    expect(describeTarget('shoeSize', de)).toBe('shoeSize');
  });

  it('translates import error codes and falls back to the raw code', () => {
    expect(describeImportError({ line: 7, code: 'invalid_email' }, de)).toBe(
      'Ungültige E-Mail-Adresse.',
    );
    expect(describeImportError({ line: 3, code: 'unreadable_card' }, en)).toBe(
      'This vCard could not be read.',
    );
    expect(describeImportError({ line: 5, code: 'malformed_row' }, de)).toBe(
      'Die Zeile ist beschädigt (z. B. ein Anführungszeichen fehlt).',
    );
    expect(describeImportError({ line: 9, code: 'duplicate_row' }, de)).toBe(
      'Nicht importiert (Grund: duplicate_row).',
    );
  });
});

describe('importProgressText', () => {
  it('shows the upload, then an indeterminate bar, then the rows stored, in both languages', () => {
    expect(importProgressText(0.42, null, de, 'de')).toEqual({
      percent: 42,
      text: 'Wird hochgeladen … 42 %',
    });
    expect(importProgressText(null, null, en, 'en')).toEqual({
      percent: null,
      text: 'Importing …',
    });
    expect(importProgressText(null, { done: 0, total: null }, de, 'de').percent).toBeNull();
    expect(importProgressText(null, { done: 35_000, total: 100_000 }, de, 'de')).toEqual({
      percent: 35,
      text: 'Wird importiert … 35.000 von 100.000 Zeilen',
    });
    expect(importProgressText(null, { done: 100_000, total: 100_000 }, en, 'en')).toEqual({
      percent: 100,
      text: 'Importing … 100,000 of 100,000 rows',
    });
  });
});
