// Suggested column mappings for the headers real exports write, and the rules a mapping obeys.
import { describe, expect, it } from 'vitest';
import { columnMappingSchema, normalizeHeader, suggestMapping } from './csv.mapping.js';

const suggest = (columns: string[]) =>
  Object.fromEntries(columns.map((c, i) => [c, suggestMapping(columns)[i]]));

describe('suggestMapping', () => {
  it('maps English Outlook headers and ignores salutation, fax and e-mail types', () => {
    expect(
      suggest([
        'Title',
        'First Name',
        'Middle Name',
        'Last Name',
        'Company',
        'Job Title',
        'Business Street',
        'Business City',
        'Business Postal Code',
        'Business Country/Region',
        'Business Fax',
        'Business Phone',
        'Mobile Phone',
        'E-mail Address',
        'E-mail Type',
        'E-mail 2 Address',
        'Birthday',
        'Notes',
        'Categories',
      ]),
    ).toEqual({
      Title: null,
      'First Name': 'givenName',
      'Middle Name': 'middleName',
      'Last Name': 'familyName',
      Company: 'companyName',
      'Job Title': 'role',
      'Business Street': 'street',
      'Business City': 'city',
      'Business Postal Code': 'postalCode',
      'Business Country/Region': 'country',
      'Business Fax': null,
      'Business Phone': 'phone',
      'Mobile Phone': 'phone',
      'E-mail Address': 'email',
      'E-mail Type': null,
      'E-mail 2 Address': 'email',
      Birthday: 'birthday',
      Notes: 'notes',
      Categories: 'tags',
    });
  });

  it("maps Google's newer export headers", () => {
    expect(
      suggest([
        'First Name',
        'Last Name',
        'Organization Name',
        'Organization Title',
        'E-mail 1 - Label',
        'E-mail 1 - Value',
        'Phone 1 - Value',
        'Address 1 - Formatted',
        'Labels',
      ]),
    ).toEqual({
      'First Name': 'givenName',
      'Last Name': 'familyName',
      'Organization Name': 'companyName',
      'Organization Title': 'role',
      'E-mail 1 - Label': null,
      'E-mail 1 - Value': 'email',
      'Phone 1 - Value': 'phone',
      'Address 1 - Formatted': null,
      Labels: 'tags',
    });
  });

  it('gives a single-value field to the best-named column, wherever it stands', () => {
    expect(suggestMapping(['Ort', 'Ort geschäftlich', 'Name', 'Kontakt'])).toEqual([
      null,
      'city',
      'name',
      null,
    ]);
  });

  it('ignores unknown and empty headers', () => {
    expect(suggestMapping(['Webseite', '', 'Lieblingsfarbe'])).toEqual([null, null, null]);
  });
});

describe('normalizeHeader', () => {
  it('spells e-mail and street one way', () => {
    expect(['E-Mail-Adresse', ' EMail  2: Adresse', 'Strasse'].map(normalizeHeader)).toEqual([
      'email-adresse',
      'email 2: adresse',
      'straße',
    ]);
  });
});

describe('columnMappingSchema', () => {
  it('allows several e-mail, phone, note and tag columns but one of everything else', () => {
    expect(
      columnMappingSchema.safeParse([
        'email',
        'email',
        'phone',
        'phone',
        'notes',
        'notes',
        'tags',
        'tags',
        null,
      ]).success,
    ).toBe(true);
    const twice = columnMappingSchema.safeParse(['name', null, 'name']);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues).toMatchObject([
      { path: [2], message: '"name" is mapped to more than one column' },
    ]);
  });

  it('refuses unknown targets', () => {
    expect(columnMappingSchema.safeParse(['nickname']).success).toBe(false);
  });
});
