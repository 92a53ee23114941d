// The contact form's values: read from a contact, turned into the full draft the API takes
// (keeping what the form does not show), and checked with the same schema the server uses.
import type { ContactView } from '../api/contacts';
import { contactInputSchema } from '../../shared/contacts';
import { formatReach, parseReachText } from '../../shared/reach-text';
import type { Channel, ContactDraft } from '../../shared/contacts';

/** What the contact form holds: text as typed, lists as comma-separated text. */
export interface ContactFormValues {
  name: string;
  companyName: string;
  role: string;
  emails: string;
  phones: string;
  tags: string;
  family: string;
  interests: string;
  homeOffice: string;
  birthdayDay: string;
  birthdayMonth: string;
  birthdayYear: string;
  preferredChannel: Channel | '';
  /** Best reach times as the seller writes them ("Di–Do 8–10 Uhr"). */
  bestReach: string;
  timeZone: string;
  cadenceDays: string;
  notes: string;
  shared: boolean;
}

/** The form of a new contact. */
export const EMPTY_CONTACT_FORM: ContactFormValues = {
  name: '',
  companyName: '',
  role: '',
  emails: '',
  phones: '',
  tags: '',
  family: '',
  interests: '',
  homeOffice: '',
  birthdayDay: '',
  birthdayMonth: '',
  birthdayYear: '',
  preferredChannel: '',
  bestReach: '',
  timeZone: '',
  cadenceDays: '',
  notes: '',
  shared: false,
};

/** The form filled with a stored contact, for editing (best reach written in `language`). */
export function formValuesFromContact(contact: ContactView, language = 'de'): ContactFormValues {
  return {
    name: contact.name,
    companyName: contact.companyName ?? '',
    role: contact.role ?? '',
    emails: contact.emails.join(', '),
    phones: contact.phones.join(', '),
    tags: contact.tags.join(', '),
    family: contact.family ?? '',
    interests: contact.interests ?? '',
    homeOffice: contact.homeOffice ?? '',
    birthdayDay: contact.birthday ? String(contact.birthday.day) : '',
    birthdayMonth: contact.birthday ? String(contact.birthday.month) : '',
    birthdayYear: contact.birthday?.year ? String(contact.birthday.year) : '',
    preferredChannel: contact.preferredChannel ?? '',
    bestReach: formatReach(contact.bestReach, language.startsWith('de') ? 'de' : 'en'),
    timeZone: contact.timeZone ?? '',
    cadenceDays: contact.cadenceDays === null ? '' : String(contact.cadenceDays),
    notes: contact.notes ?? '',
    shared: contact.shared,
  };
}

/** Splits comma-, semicolon- or line-separated text into trimmed, non-empty items. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// Text that is no reach time becomes a window the schema refuses, so the form marks the field
// (like a birthday without a month).
const UNREADABLE_REACH = [{ days: [], from: '', to: '' }];
const readReach = (text: string) => {
  const windows = parseReachText(text);
  return Array.isArray(windows) ? windows : UNREADABLE_REACH;
};

const optional = (text: string) => (text.trim() === '' ? null : text.trim());
const wholeNumber = (text: string) => (text.trim() === '' ? null : Number(text.trim()));

/**
 * The full draft for POST or PUT. The API replaces a contact as a whole, so fields the form does
 * not show (address, language) are carried over from `base`, the stored contact.
 */
export function draftFromForm(values: ContactFormValues, base: ContactView | null): ContactDraft {
  const day = wholeNumber(values.birthdayDay);
  const month = wholeNumber(values.birthdayMonth);
  const year = wholeNumber(values.birthdayYear);
  const noBirthday = day === null && month === null && year === null;
  return {
    name: values.name.trim(),
    companyName: optional(values.companyName),
    role: optional(values.role),
    emails: splitList(values.emails),
    phones: splitList(values.phones),
    address: base?.address ?? null,
    language: base?.language ?? null,
    timeZone: optional(values.timeZone),
    bestReach: readReach(values.bestReach),
    family: optional(values.family),
    interests: optional(values.interests),
    homeOffice: optional(values.homeOffice),
    // NaN for a missing day or month fails the schema, which reports the birthday as a whole.
    birthday: noBirthday ? null : { day: day ?? NaN, month: month ?? NaN, year },
    preferredChannel: values.preferredChannel === '' ? null : values.preferredChannel,
    notes: optional(values.notes),
    tags: splitList(values.tags),
    cadenceDays: wholeNumber(values.cadenceDays),
    shared: values.shared,
  };
}

/** Why a field of the contact form is not accepted; each has a sentence in `form.errors`. */
export type ContactFieldError =
  | 'name'
  | 'emails'
  | 'phones'
  | 'tags'
  | 'birthday'
  | 'timeZone'
  | 'bestReach'
  | 'cadenceDays'
  | 'tooLong'
  | 'generic';

/** Form fields that can carry an error. */
export type ContactErrorField = Exclude<keyof ContactFormValues, 'shared'> | 'birthday';

/** Field errors of the contact form; empty when the draft may be sent. */
export type ContactFormErrors = Partial<Record<ContactErrorField, ContactFieldError>>;

const OWN_ERRORS: Partial<Record<ContactErrorField, ContactFieldError>> = {
  name: 'name',
  emails: 'emails',
  phones: 'phones',
  tags: 'tags',
  birthday: 'birthday',
  timeZone: 'timeZone',
  bestReach: 'bestReach',
  cadenceDays: 'cadenceDays',
};

const FORM_FIELDS = new Set<string>([...Object.keys(EMPTY_CONTACT_FORM), 'birthday']);

/** Checks a draft with the shared contact schema and says which form fields need a fix. */
export function validateDraft(draft: ContactDraft): ContactFormErrors {
  const parsed = contactInputSchema.safeParse(draft);
  if (parsed.success) return {};
  const errors: ContactFormErrors = {};
  for (const issue of parsed.error.issues) {
    const head = issue.path[0];
    if (typeof head !== 'string' || !FORM_FIELDS.has(head)) continue;
    const field = head as ContactErrorField;
    if (errors[field]) continue;
    // A blank name is "too small"; any other text field over its limit is "too big".
    const tooLong = issue.code === 'too_big' && issue.path.length === 1 && !OWN_ERRORS[field];
    errors[field] = tooLong ? 'tooLong' : (OWN_ERRORS[field] ?? 'generic');
  }
  return errors;
}
