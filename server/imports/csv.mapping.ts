// Which CSV column feeds which contact field: the targets, the schema a chosen mapping must pass,
// and a suggestion from the header names German and English Excel, Outlook, Google Contacts and
// Nahbar's own export write.
import { z } from 'zod';
import { IMPORT_FIELDS, MULTI_COLUMN_FIELDS } from '../../shared/imports.js';
import type { ImportField } from '../../shared/imports.js';

/** Most columns an import file may have. */
export const MAX_COLUMNS = 500;

/** For each column (by index) the field it feeds, or null to ignore it. */
export const columnMappingSchema = z
  .array(z.enum(IMPORT_FIELDS).nullable())
  .max(MAX_COLUMNS)
  .superRefine((mapping, ctx) => {
    const seen = new Set<ImportField>();
    mapping.forEach((field, index) => {
      if (!field || MULTI_COLUMN_FIELDS.has(field)) return;
      if (seen.has(field)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `"${field}" is mapped to more than one column`,
        });
      }
      seen.add(field);
    });
  });
/** For each column (by index) the field it feeds, or null to ignore it. */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

interface HeaderRule {
  field: ImportField;
  names?: readonly string[];
  pattern?: RegExp;
}

// Specific names come before generic ones: when a file has both "Ort geschäftlich" and Outlook's
// "Ort" (a free-text location), the earlier rule wins the single-value field.
const RULES: readonly HeaderRule[] = [
  {
    field: 'name',
    names: ['name', 'full name', 'vollständiger name', 'display name', 'anzeigename'],
  },
  { field: 'name', names: ['kontakt', 'ansprechpartner', 'contact'] },
  { field: 'givenName', names: ['vorname', 'first name', 'given name'] },
  { field: 'middleName', names: ['weitere vornamen', 'middle name', 'additional name'] },
  {
    field: 'familyName',
    names: ['nachname', 'last name', 'family name', 'surname', 'familienname'],
  },
  {
    field: 'companyName',
    names: ['firma', 'company', 'organization name', 'organization 1 - name', 'unternehmen'],
  },
  { field: 'companyName', names: ['organization', 'organisation', 'firmenname', 'company name'] },
  {
    field: 'role',
    names: ['position', 'job title', 'organization title', 'organization 1 - title', 'role'],
  },
  { field: 'role', names: ['rolle', 'funktion', 'berufsbezeichnung'] },
  {
    field: 'email',
    pattern:
      /^email(?:[- ]?(?:adresse|address))?$|^email \d+(?::? ?(?:adresse|address)| - value)?$/,
  },
  { field: 'email', names: ['emails', 'mail'] },
  {
    field: 'phone',
    names: [
      'telefon geschäftlich',
      'telefon geschäftlich 2',
      'business phone',
      'business phone 2',
      'mobiltelefon',
      'mobiltelefon 2',
      'mobile phone',
      'haupttelefon',
      'primary phone',
      'telefon firma',
      'company main phone',
      'telefon privat',
      'telefon privat 2',
      'home phone',
      'home phone 2',
      'weiteres telefon',
      'other phone',
      'telefon',
      'telefonnummer',
      'phone',
      'phone number',
      'telephone',
      'mobil',
      'mobile',
      'handy',
    ],
  },
  { field: 'phone', pattern: /^(?:phone|telefon) \d+(?: - value)?$/ },
  {
    field: 'street',
    names: ['straße geschäftlich', 'business street', 'address 1 - street', 'straße', 'street'],
  },
  { field: 'street', names: ['adresse', 'address', 'anschrift'] },
  {
    field: 'postalCode',
    names: [
      'postleitzahl geschäftlich',
      'business postal code',
      'address 1 - postal code',
      'postleitzahl',
      'plz',
      'postal code',
      'zip',
      'zip code',
      'postcode',
    ],
  },
  {
    field: 'city',
    names: ['ort geschäftlich', 'business city', 'address 1 - city', 'stadt', 'city'],
  },
  { field: 'city', names: ['ort'] },
  {
    field: 'country',
    names: [
      'land/region geschäftlich',
      'business country/region',
      'address 1 - country',
      'land',
      'country',
      'country/region',
    ],
  },
  { field: 'language', names: ['sprache', 'language'] },
  { field: 'timeZone', names: ['zeitzone', 'time zone', 'timezone'] },
  { field: 'birthday', names: ['geburtstag', 'birthday', 'geburtsdatum', 'date of birth'] },
  {
    field: 'notes',
    names: ['notizen', 'notes', 'notiz', 'note', 'bemerkung', 'bemerkungen', 'kommentar'],
  },
  {
    field: 'tags',
    names: ['kategorien', 'categories', 'group membership', 'labels', 'tags', 'schlagwörter'],
  },
  { field: 'family', names: ['familie', 'family'] },
  { field: 'interests', names: ['interessen', 'interests', 'hobby', 'hobbys', 'hobbies'] },
  { field: 'homeOffice', names: ['home office', 'homeoffice'] },
  { field: 'preferredChannel', names: ['preferred channel', 'bevorzugter kanal'] },
  { field: 'cadenceDays', names: ['cadence days', 'cadence', 'kontaktrhythmus (tage)'] },
  { field: 'bestReach', names: ['best reach', 'beste erreichbarkeit', 'erreichbarkeit'] },
];

/** Lower-cases a header and spells e-mail, street and spacing one way ("E-Mail-Adresse" → "email-adresse"). */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\be-?mail\b/g, 'email')
    .replace(/strasse/g, 'straße');
}

function ruleIndex(header: string): number {
  const name = normalizeHeader(header);
  return RULES.findIndex((r) => r.names?.includes(name) === true || r.pattern?.test(name) === true);
}

/**
 * Suggests a mapping from the header names. A single-value field goes to the column whose name
 * matches it best (ties: the leftmost); columns nobody claims are ignored.
 */
export function suggestMapping(columns: readonly string[]): ColumnMapping {
  const ranks = columns.map(ruleIndex);
  const best = new Map<ImportField, number>();
  ranks.forEach((rank, column) => {
    const field = RULES[rank]?.field;
    if (!field || MULTI_COLUMN_FIELDS.has(field)) return;
    const current = best.get(field);
    if (current === undefined || rank < (ranks[current] ?? Infinity)) best.set(field, column);
  });
  return ranks.map((rank, column) => {
    const field = RULES[rank]?.field;
    if (!field) return null;
    return MULTI_COLUMN_FIELDS.has(field) || best.get(field) === column ? field : null;
  });
}
