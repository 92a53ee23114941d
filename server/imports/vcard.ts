// vCard contact import (2.1, 3.0 and 4.0, as Google Contacts, Apple Contacts and Outlook export
// them): cards from `vcard.tokens.ts` mapped to validated contact drafts.
//
// Written here rather than taken from npm. `ical.js` (vCard 3.0/4.0) has no quoted-printable or
// CHARSET decoding, and its parser throws for the whole file on a line with neither ":" nor ";"
// (a 2.1 soft-break continuation, an unindented photo line) or on a card without END. `vcf` neither
// joins nor decodes quoted-printable, skips lines it cannot match without saying so, and throws
// at the first bad card. Neither reports where a card starts, which every import error needs.
import { isTimeZone, type ContactDraft } from '../../shared/contacts.js';
import { parseBirthday } from './dates.js';
import { decodeText } from './decode.js';
import {
  atLine,
  collectImport,
  joinName,
  pickName,
  uniqueIssues,
  validateDraft,
  type ImportIssue,
  type ImportResult,
  type ImportSink,
} from './draft.js';
import {
  NAHBAR_PROPERTIES,
  cleanTags,
  normalizeLanguage,
  readNahbarFields,
  uniqueCaseless,
} from './fields.js';
import { tokenizeVcards, type RawVcard, type VcardProperty } from './vcard.tokens.js';

/** Removes vCard escapes: "\n" is a line break, "\," "\;" "\\" stand for the character. */
export function unescapeValue(value: string): string {
  return value.replace(/\\(.)/gs, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a structured value (N, ADR, ORG) or a list (CATEGORIES) on unescaped `separator`. */
export function splitValue(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c === '\\' && i + 1 < value.length) {
      current += c + (value[++i] ?? '');
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => unescapeValue(p).trim());
}

const text = (p: VcardProperty | undefined) =>
  p ? unescapeValue(p.value).replace(/\r\n?/g, '\n').trim() : '';

const types = (p: VcardProperty) => p.params.get('TYPE') ?? [];

// Lower sorts first: 4.0 PREF=1..100, "TYPE=pref" (3.0) and bare PREF (2.1) count as 1.
function prefRank(p: VcardProperty): number {
  const pref = Number(p.params.get('PREF')?.[0]);
  if (Number.isInteger(pref)) return pref;
  return types(p).includes('pref') ? 1 : 101;
}

// Array sort is stable, so properties of equal rank keep the file's order.
const byPref = (props: readonly VcardProperty[]) =>
  [...props].sort((a, b) => prefRank(a) - prefRank(b));

// 4.0 writes numbers as URIs ("tel:+49-421-555-0123;ext=12"); the server wants the number.
function phoneNumber(p: VcardProperty): string {
  const value = text(p);
  if (!/^tel:/i.test(value)) return value;
  return value.slice(4).replace(/;ext=/i, ' ext. ');
}

// One address is kept: the business one, else the preferred, else the first. Region and PO box
// have no field; the PO box stands in for a missing street.
function pickAddress(props: readonly VcardProperty[]): ContactDraft['address'] {
  const adr = props.find((p) => types(p).includes('work')) ?? byPref(props)[0];
  if (!adr) return undefined;
  const [poBox, extended, street, city, , postalCode, country] = splitValue(adr.value, ';');
  const streetLine = [street, extended].filter(Boolean).join(', ') || poBox;
  const address = {
    ...(streetLine && { street: streetLine }),
    ...(postalCode && { postalCode }),
    ...(city && { city }),
    ...(country && { country }),
  };
  return Object.keys(address).length ? address : undefined;
}

/**
 * Maps one card to a draft. Photos are not stored yet, so PHOTO is read past and dropped, as
 * are fax numbers (not a number to call), Apple's labels (X-ABLabel) and other properties that
 * have no contact field.
 */
function cardToDraft(card: RawVcard): { draft: ContactDraft; issues: ImportIssue[] } {
  const all = (name: string) => card.properties.filter((p) => p.name === name);
  const one = (name: string) => text(all(name)[0]);
  const issues: ImportIssue[] = [];

  const [family, given, additional, prefix, suffix] = splitValue(all('N')[0]?.value ?? '', ';');
  const emails = uniqueCaseless(
    byPref(all('EMAIL'))
      .map((p) => text(p).replace(/^mailto:/i, ''))
      .filter(Boolean),
  );
  // ORG's first component is the company; the others are departments.
  const [company] = splitValue(all('ORG')[0]?.value ?? '', ';');
  // Apple writes company cards with the company as FN and an empty N; others may leave out FN.
  const draft: ContactDraft = {
    name: pickName([
      one('FN'),
      joinName([prefix, given, additional, family, suffix]),
      company,
      emails[0],
    ]),
  };
  if (company) draft.companyName = company;
  const role = one('TITLE') || one('ROLE');
  if (role) draft.role = role;
  if (emails.length) draft.emails = emails;
  const phones = byPref(all('TEL'))
    .filter((p) => !types(p).includes('fax'))
    .map(phoneNumber)
    .filter(Boolean);
  if (phones.length) draft.phones = [...new Set(phones)];
  const address = pickAddress(all('ADR'));
  if (address) draft.address = address;

  const language = text(byPref(all('LANG'))[0]);
  if (language) draft.language = normalizeLanguage(language);
  // Only IANA names: a UTC offset ("-05:00") says nothing about daylight saving time.
  const timeZone = all('TZ').map(text).find(isTimeZone);
  if (timeZone) draft.timeZone = timeZone;

  const bdayProp = all('BDAY')[0];
  const bday = text(bdayProp);
  if (bdayProp && bday) {
    const parsed = parseBirthday(bday);
    // Apple writes a birthday without year as 1604 and names that year in X-APPLE-OMIT-YEAR.
    const omitYear = Number(bdayProp.params.get('X-APPLE-OMIT-YEAR')?.[0]);
    if (parsed.kind === 'date') {
      draft.birthday =
        parsed.birthday.year === omitYear ? { ...parsed.birthday, year: null } : parsed.birthday;
    } else if (parsed.kind === 'invalid')
      issues.push({ code: 'invalid_date', field: 'birthday', detail: bday });
  }

  const notes = all('NOTE').map(text).filter(Boolean);
  if (notes.length) draft.notes = notes.join('\n\n');
  const tags = cleanTags(all('CATEGORIES').flatMap((p) => splitValue(p.value, ',')));
  if (tags.length) draft.tags = tags;

  const texts = Object.fromEntries(
    Object.entries(NAHBAR_PROPERTIES).map(([field, property]) => [field, one(property)]),
  );
  const nahbar = readNahbarFields(texts);
  Object.assign(draft, nahbar.fields);
  issues.push(...nahbar.issues);

  const schemaIssues = validateDraft(draft).map((i) =>
    i.code === 'invalid_date' && bday ? { ...i, detail: bday } : i,
  );
  return { draft, issues: uniqueIssues([...issues, ...schemaIssues]) };
}

/**
 * Reads a vCard file (any mix of 2.1, 3.0 and 4.0 cards) into validated drafts and errors, each
 * with the line of the card's BEGIN:VCARD, handed to `sink` card by card. Throws `Invalid` for
 * binary files.
 */
export function readVcards(bytes: Uint8Array, sink: ImportSink): void {
  const { cards, errors } = tokenizeVcards(decodeText(bytes).text);
  sink.total?.(cards.length + errors.length);
  for (const error of errors) sink.error(error);
  for (const card of cards) {
    const { draft, issues } = cardToDraft(card);
    if (issues.length) for (const error of atLine(card.line, issues)) sink.error(error);
    else sink.row({ line: card.line, draft });
  }
}

/** `readVcards` into one `ImportResult`. */
export function parseVcards(bytes: Uint8Array): ImportResult {
  return collectImport((sink) => readVcards(bytes, sink));
}
