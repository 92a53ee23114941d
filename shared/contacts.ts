// The relationship memory's vocabulary and input schemas, shared by the API, the importers and
// the client: what a contact is made of, touchpoint kinds, channels and reach windows.
import { z } from 'zod';

/** Kinds of touchpoint, in the order the UI offers them. */
export const TOUCHPOINT_KINDS = ['meeting', 'call', 'email', 'visit', 'note'] as const;
/** One kind of logged interaction: a lounge meeting, phone call, e-mail, visit or note. */
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];

/** Channels a person may prefer. */
export const CHANNELS = ['phone', 'email', 'lounge', 'visit'] as const;
/** A contact's preferred way to be reached. */
export type Channel = (typeof CHANNELS)[number];

/** Longest free-text field (notes, personal context), in characters. */
export const MAX_TEXT_LENGTH = 4000;
/** Most e-mail addresses or phone numbers per contact. */
export const MAX_ADDRESSES = 10;
/** Most tags per contact. */
export const MAX_TAGS = 20;

const text = (max: number) => z.string().trim().max(max);
// Fields are checked here and made uniform (empty to null, lists without repeats) by one
// transform of the whole object, `normalizeContact`: a transform per field (about 20 of them)
// cost more than all the checks together. Over the 100,000 rows of the import benchmark, zod
// took 30 µs a contact with them and 10 µs with one, and both gave the same contacts.
const optionalText = (max: number) => text(max).nullish();
const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const textOrNull = (value: string | null | undefined): string | null => value || null;
const unique = (values: readonly string[]) => [...new Set(values)];

// Zones already found valid. Building an Intl.DateTimeFormat costs tens of microseconds, which
// an import of 100,000 contacts would pay per row; the valid zones are a few hundred names.
const knownZones = new Set<string>();

/** Whether `zone` is an IANA time zone this runtime knows (e.g. "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  const valid = zone.includes('/') || zone === 'UTC';
  if (valid && knownZones.size < 1000) knownZones.add(zone);
  return valid;
}

/** A time of day "HH:MM" (24 h). */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/**
 * One best-reach window: on these ISO weekdays (1 = Monday … 7 = Sunday), from `from` to `to`
 * in the contact's own time zone. "Tue–Thu 08:00–10:00" is `{ days: [2, 3, 4], from: '08:00', to: '10:00' }`.
 */
export const reachWindowSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: timeOfDaySchema,
    to: timeOfDaySchema,
  })
  .refine((w) => w.from < w.to, { message: 'the window must end after it starts' });
/** A best-reach window (see `reachWindowSchema`). */
export type ReachWindow = z.infer<typeof reachWindowSchema>;

// A birthday as checked, before its missing year becomes null.
const birthdayFields = z
  .object({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    year: z.number().int().min(1900).max(2100).nullish(),
  })
  .refine((b) => b.day <= new Date(Date.UTC(b.year ?? 2000, b.month, 0)).getUTCDate(), {
    message: 'no such day in that month',
  });
const normalizeBirthday = (b: z.infer<typeof birthdayFields>) => ({ ...b, year: orNull(b.year) });

/** A birthday; the year is optional (many people share only day and month). */
export type Birthday = ReturnType<typeof normalizeBirthday>;

// A postal address as checked, before empty parts become null.
const addressFields = z.object({
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(100),
});
const normalizeAddress = (a: z.infer<typeof addressFields>) => ({
  street: textOrNull(a.street),
  postalCode: textOrNull(a.postalCode),
  city: textOrNull(a.city),
  country: textOrNull(a.country),
});

/** A postal address; every part is optional. */
export type Address = ReturnType<typeof normalizeAddress>;

const tagText = text(40).min(1);
/** A tag: trimmed, lower-case, 1 to 40 characters ("key account", "customer", "prospect"). */
export const tagSchema = tagText.transform((t) => t.toLowerCase());

// The contact's fields as checked; `normalizeContact` makes them uniform.
const contactFields = z.object({
  name: text(120).min(1),
  /** The employer by name; the server finds or creates the company. */
  companyName: optionalText(200),
  role: optionalText(120),
  // Unicode domains (info@müller.de) are real German addresses.
  emails: z
    .array(z.email({ pattern: z.regexes.unicodeEmail }).max(254))
    .max(MAX_ADDRESSES)
    .default([]),
  phones: z.array(text(40).min(3)).max(MAX_ADDRESSES).default([]),
  address: addressFields.nullish(),
  /** BCP 47 language tag of the person ("de", "en", "de-AT"). */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as "de"')
    .nullish(),
  /** IANA time zone ("Europe/Berlin"). */
  timeZone: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as "Europe/Berlin"')
    .nullish(),
  bestReach: z.array(reachWindowSchema).max(7).default([]),
  family: optionalText(MAX_TEXT_LENGTH),
  interests: optionalText(MAX_TEXT_LENGTH),
  homeOffice: optionalText(MAX_TEXT_LENGTH),
  birthday: birthdayFields.nullish(),
  preferredChannel: z.enum(CHANNELS).nullish(),
  notes: optionalText(MAX_TEXT_LENGTH),
  tags: z.array(tagText).max(MAX_TAGS).default([]),
  /** Days between touches; null uses the default of the contact's tags. */
  cadenceDays: z.number().int().min(1).max(3650).nullish(),
  /** Shared with the whole team (otherwise only the owning seller and the account owner see it). */
  shared: z.boolean().default(false),
});

/** A checked contact made uniform: empty or missing values null, lists lower-cased and unique. */
function normalizeContact(c: z.infer<typeof contactFields>) {
  const address = c.address ? normalizeAddress(c.address) : null;
  return {
    name: c.name,
    companyName: textOrNull(c.companyName),
    role: textOrNull(c.role),
    emails: unique(c.emails.map((e) => e.toLowerCase())),
    phones: c.phones,
    address: address && Object.values(address).some((part) => part !== null) ? address : null,
    language: orNull(c.language),
    timeZone: orNull(c.timeZone),
    bestReach: c.bestReach,
    family: textOrNull(c.family),
    interests: textOrNull(c.interests),
    homeOffice: textOrNull(c.homeOffice),
    birthday: c.birthday ? normalizeBirthday(c.birthday) : null,
    preferredChannel: orNull(c.preferredChannel),
    notes: textOrNull(c.notes),
    tags: unique(c.tags.map((t) => t.toLowerCase())),
    cadenceDays: orNull(c.cadenceDays),
    shared: c.shared,
  };
}

/**
 * A contact as entered or imported, before it is stored. Phones are raw here; the server
 * normalises them to E.164 and rejects what it cannot parse.
 */
export const contactInputSchema = contactFields.transform(normalizeContact);
/** A contact as entered or imported (parsed and normalised by `contactInputSchema`). */
export type ContactInput = z.infer<typeof contactInputSchema>;
/** A contact as an importer or form hands it over, before validation. */
export type ContactDraft = z.input<typeof contactInputSchema>;

/** Default cadences by tag, in days; a contact without its own cadence takes the shortest that applies. */
export const DEFAULT_TAG_CADENCES: Readonly<Record<string, number>> = {
  'key account': 14,
  customer: 30,
  prospect: 90,
  schlüsselkunde: 14,
  kunde: 30,
  interessent: 90,
};
/** Cadence for a contact with neither its own cadence nor a tag that has one, in days. */
export const FALLBACK_CADENCE_DAYS = 60;
