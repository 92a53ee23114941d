// Text forms of contact fields that CSV and vCard share, read and written in one place so that
// an export always imports back unchanged.
import { parseReachText } from '../../shared/reach-text.js';
import type { Channel, ContactDraft } from '../../shared/contacts.js';
import type { ImportIssue } from './draft.js';

/** Removes repeated values, comparing without case; the first spelling wins. */
export function uniqueCaseless(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Google's own groups: every contact is in "myContacts", so as a tag it says nothing.
const SYSTEM_GROUPS = new Set(['mycontacts']);

/**
 * Turns category or label names into tags: strips Google's "* " marker of system groups, drops
 * "myContacts", trims, and removes empty and repeated names.
 */
export function cleanTags(names: readonly string[]): string[] {
  const tags = names
    .map((n) => n.trim().replace(/^\*\s*/, ''))
    .filter((n) => n && !SYSTEM_GROUPS.has(n.toLowerCase()));
  return uniqueCaseless(tags);
}

/** Splits a tag cell on ";", "," and Google's " ::: " ("Kunde;VIP", "* myContacts ::: Kunden"). */
export function splitTags(cell: string): string[] {
  return cleanTags(/[;,:]/.test(cell) ? cell.split(/\s*:::\s*|[;,]/) : [cell]);
}

/** Joins tags for a CSV cell; `splitTags` reads it back. */
export function joinTags(tags: readonly string[]): string {
  return tags.join(', ');
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  deutsch: 'de',
  german: 'de',
  englisch: 'en',
  english: 'en',
  französisch: 'fr',
  french: 'fr',
  italienisch: 'it',
  italian: 'it',
  spanisch: 'es',
  spanish: 'es',
  niederländisch: 'nl',
  dutch: 'nl',
  polnisch: 'pl',
  polish: 'pl',
  türkisch: 'tr',
  turkish: 'tr',
};

/**
 * Brings a language to canonical BCP 47 form where that is safe ("DE" → "de", "de_at" →
 * "de-AT", "Deutsch" → "de"); anything else is returned for the schema to reject.
 */
export function normalizeLanguage(text: string): string {
  const value = text.trim();
  const named = LANGUAGE_NAMES[value.toLowerCase()];
  if (named) return named;
  const tag = value.replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

const CHANNEL_WORDS: Readonly<Record<string, Channel>> = {
  phone: 'phone',
  telefon: 'phone',
  anruf: 'phone',
  call: 'phone',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  lounge: 'lounge',
  video: 'lounge',
  visit: 'visit',
  besuch: 'visit',
};

/** Reads a preferred channel in English or German ("Telefon", "E-Mail"); null if unknown. */
export function parseChannel(text: string): Channel | null {
  return CHANNEL_WORDS[text.trim().toLowerCase()] ?? null;
}

/** Reads a cadence in whole days ("30"); null if the text is not a whole number. */
export function parseCadence(text: string): number | null {
  const value = text.trim();
  return /^\d{1,5}$/.test(value) ? Number(value) : null;
}

/** Nahbar's own fields in its vCard export, which other programs ignore. */
export const NAHBAR_PROPERTIES = {
  family: 'X-NAHBAR-FAMILY',
  interests: 'X-NAHBAR-INTERESTS',
  homeOffice: 'X-NAHBAR-HOME-OFFICE',
  preferredChannel: 'X-NAHBAR-PREFERRED-CHANNEL',
  cadenceDays: 'X-NAHBAR-CADENCE-DAYS',
  bestReach: 'X-NAHBAR-BEST-REACH',
} as const;

/** Nahbar's own fields as text, from a CSV column or an X-NAHBAR property. */
export type NahbarFieldTexts = Partial<Record<keyof typeof NAHBAR_PROPERTIES, string>>;

type NahbarFields = Pick<ContactDraft, keyof typeof NAHBAR_PROPERTIES>;

/** Reads Nahbar's own fields; a value that cannot be read becomes an issue naming the field. */
export function readNahbarFields(texts: NahbarFieldTexts): {
  fields: NahbarFields;
  issues: ImportIssue[];
} {
  const fields: NahbarFields = {};
  const issues: ImportIssue[] = [];
  const unreadable = (field: string, detail: string) =>
    issues.push({ code: 'invalid_field', field, detail });
  if (texts.family) fields.family = texts.family;
  if (texts.interests) fields.interests = texts.interests;
  if (texts.homeOffice) fields.homeOffice = texts.homeOffice;
  if (texts.preferredChannel) {
    const channel = parseChannel(texts.preferredChannel);
    if (channel) fields.preferredChannel = channel;
    else unreadable('preferredChannel', texts.preferredChannel);
  }
  if (texts.cadenceDays) {
    const days = parseCadence(texts.cadenceDays);
    if (days !== null) fields.cadenceDays = days;
    else unreadable('cadenceDays', texts.cadenceDays);
  }
  if (texts.bestReach) {
    // As a seller writes it ("Di–Do 8–10 Uhr") and as the export writes it.
    const windows = parseReachText(texts.bestReach);
    if (Array.isArray(windows)) fields.bestReach = windows;
    else unreadable('bestReach', texts.bestReach);
  }
  return { fields, issues };
}
