// Contact export: a CSV that German Excel opens as it is (UTF-8 with BOM, ";", CRLF) and that
// `previewCsv` maps back without help, and vCard 3.0 for address books. Both carry every field
// of a contact, so an export imports back unchanged; the team-sharing flag is left out because it
// is a setting of this Nahbar, not a fact about the person.
import type { ContactInput } from '../../shared/contacts.js';
import { formatBirthday } from './dates.js';
import { formatReach } from '../../shared/reach-text.js';
import { NAHBAR_PROPERTIES, joinTags } from './fields.js';

/** A contact as the export reads it: the parsed contact input, with the company as its name. */
export type ExportContact = ContactInput;

interface CsvColumn {
  header: string;
  value: (c: ExportContact) => string | number | null | undefined;
}

const BEFORE_ADDRESSES: readonly CsvColumn[] = [
  { header: 'Name', value: (c) => c.name },
  { header: 'Company', value: (c) => c.companyName },
  { header: 'Role', value: (c) => c.role },
];

const AFTER_ADDRESSES: readonly CsvColumn[] = [
  { header: 'Street', value: (c) => c.address?.street },
  { header: 'Postal Code', value: (c) => c.address?.postalCode },
  { header: 'City', value: (c) => c.address?.city },
  { header: 'Country', value: (c) => c.address?.country },
  { header: 'Language', value: (c) => c.language },
  { header: 'Time Zone', value: (c) => c.timeZone },
  { header: 'Birthday', value: (c) => c.birthday && formatBirthday(c.birthday) },
  { header: 'Notes', value: (c) => c.notes },
  { header: 'Tags', value: (c) => joinTags(c.tags) },
  { header: 'Family', value: (c) => c.family },
  { header: 'Interests', value: (c) => c.interests },
  { header: 'Home Office', value: (c) => c.homeOffice },
  { header: 'Preferred Channel', value: (c) => c.preferredChannel },
  { header: 'Cadence Days', value: (c) => c.cadenceDays },
  { header: 'Best Reach', value: (c) => formatReach(c.bestReach, 'de') },
];

/** The CSV columns for these contacts: one per e-mail and phone slot that any contact uses. */
function csvColumns(contacts: readonly ExportContact[]): CsvColumn[] {
  const slots = (count: number, header: string, pick: (c: ExportContact) => string[]) =>
    Array.from({ length: Math.max(1, count) }, (_, i) => ({
      header: `${header} ${i + 1}`,
      value: (c: ExportContact) => pick(c)[i],
    }));
  const most = (pick: (c: ExportContact) => string[]) =>
    contacts.reduce((max, c) => Math.max(max, pick(c).length), 0);
  return [
    ...BEFORE_ADDRESSES,
    ...slots(
      most((c) => c.emails),
      'E-mail',
      (c) => c.emails,
    ),
    ...slots(
      most((c) => c.phones),
      'Phone',
      (c) => c.phones,
    ),
    ...AFTER_ADDRESSES,
  ];
}

/**
 * Writes one CSV cell. A leading =, +, -, @, tab or CR gets a "'" so that spreadsheets show the
 * text instead of running it as a formula (CSV injection; "+49 …" would also turn into a number);
 * the import removes that "'" again.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Writes contacts as CSV: UTF-8 with BOM, ";" separated, CRLF, with a header row. */
export function exportCsv(contacts: readonly ExportContact[]): Uint8Array {
  const columns = csvColumns(contacts);
  const lines = [columns.map((c) => csvCell(c.header)).join(';')];
  for (const contact of contacts)
    lines.push(columns.map((c) => csvCell(c.value(contact))).join(';'));
  const body = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  const bytes = new Uint8Array(BOM.length + body.length);
  bytes.set(BOM);
  bytes.set(body, BOM.length);
  return bytes;
}

/** Escapes a vCard text value: backslash, line break, "," and ";". */
export function escapeValue(value: string): string {
  return value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line so that no line is longer than 75 octets (UTF-8), never inside a character. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  // Continuation lines start with a space, which counts towards their 75 octets.
  let limit = 75;
  for (const char of line) {
    const bytes = Buffer.byteLength(char);
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

// vCard 3.0 requires N. Nahbar keeps one name, so the last word is taken as the family name;
// Nahbar itself reads FN, so nothing depends on that guess.
function structuredName(name: string): string {
  const words = name.trim().split(/\s+/);
  const family = words.length > 1 ? (words.pop() ?? '') : '';
  return [family, words.join(' '), '', '', ''].map(escapeValue).join(';');
}

function vcardLines(c: ExportContact): string[] {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${escapeValue(c.name)}`,
    `N:${structuredName(c.name)}`,
  ];
  const add = (name: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '')
      lines.push(`${name}:${escapeValue(String(value))}`);
  };
  add('ORG', c.companyName);
  add('TITLE', c.role);
  // The first address is marked preferred, as address books expect of the primary one.
  c.emails.forEach((e, i) => add(i ? 'EMAIL;TYPE=INTERNET' : 'EMAIL;TYPE=INTERNET,pref', e));
  c.phones.forEach((p, i) => add(i ? 'TEL;TYPE=VOICE' : 'TEL;TYPE=VOICE,pref', p));
  const a = c.address;
  if (a && (a.street || a.postalCode || a.city || a.country)) {
    const parts = ['', '', a.street, a.city, '', a.postalCode, a.country];
    lines.push(`ADR;TYPE=WORK:${parts.map((p) => escapeValue(p ?? '')).join(';')}`);
  }
  // "--03-14" (RFC 6350) for a birthday without year; Google and Thunderbird read it, as does Nahbar.
  if (c.birthday) lines.push(`BDAY:${formatBirthday(c.birthday)}`);
  // LANG is vCard 4.0; 3.0 readers skip what they do not know.
  add('LANG', c.language);
  if (c.timeZone) lines.push(`TZ;VALUE=text:${escapeValue(c.timeZone)}`);
  add('NOTE', c.notes);
  if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map(escapeValue).join(',')}`);
  add(NAHBAR_PROPERTIES.family, c.family);
  add(NAHBAR_PROPERTIES.interests, c.interests);
  add(NAHBAR_PROPERTIES.homeOffice, c.homeOffice);
  add(NAHBAR_PROPERTIES.preferredChannel, c.preferredChannel);
  add(NAHBAR_PROPERTIES.cadenceDays, c.cadenceDays);
  add(NAHBAR_PROPERTIES.bestReach, c.bestReach.length ? formatReach(c.bestReach, 'de') : null);
  lines.push('END:VCARD');
  return lines.map(foldLine);
}

/** Writes contacts as vCard 3.0 text: CRLF line ends, lines folded at 75 octets, values escaped. */
export function exportVcards(contacts: readonly ExportContact[]): string {
  return contacts.map((c) => `${vcardLines(c).join('\r\n')}\r\n`).join('');
}
