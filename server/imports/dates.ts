// Birthdays as spreadsheets and address books write them. Range checks beyond "looks like a
// month and a day" are left to `contactInputSchema`, so that 31.02. is reported like any bad date.
import type { ContactDraft } from '../../shared/contacts.js';

/** A birthday as an importer hands it over (validated later by `contactInputSchema`). */
export type BirthdayDraft = NonNullable<ContactDraft['birthday']>;

/** What a birthday cell held: a date, nothing, or text that is not a date. */
export type BirthdayParse =
  { kind: 'date'; birthday: BirthdayDraft } | { kind: 'empty' } | { kind: 'invalid' };

// Outlook writes "0.0.00" (German) or "0/0/00" (English) for "no birthday".
const OUTLOOK_NONE = /^0{1,2}[./]0{1,2}[./]0{2,4}$/;
// An optional time after the date, extended (T00:00:00Z) or basic (T000000Z); it is ignored.
const TIME = String.raw`(?:[ T]\d{1,2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`);
const ISO_BASIC = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`);
const NO_YEAR = /^--(\d{2})-?(\d{2})$/;
// Two-digit years ("14.03.80") are refused rather than guessed: the century is ambiguous.
const GERMAN = new RegExp(String.raw`^(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4}))?${TIME}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);

function date(month: number, day: number, year: number | null): BirthdayParse {
  if (month < 1 || month > 12 || day < 1 || day > 31) return { kind: 'invalid' };
  return { kind: 'date', birthday: { month, day, year } };
}

/**
 * Reads a birthday in the forms exports use: German "14.03.1980" and "14.3.", ISO "1980-03-14"
 * (with an optional time), vCard "19800314", "--03-14" and "--0314", and "3/14/1980" from
 * English Outlook and Excel (month first, unless the first number cannot be a month).
 */
export function parseBirthday(input: string): BirthdayParse {
  const text = input.trim();
  if (!text || OUTLOOK_NONE.test(text)) return { kind: 'empty' };
  let m = ISO.exec(text) ?? ISO_BASIC.exec(text);
  if (m) return date(Number(m[2]), Number(m[3]), Number(m[1]));
  m = NO_YEAR.exec(text);
  if (m) return date(Number(m[1]), Number(m[2]), null);
  m = GERMAN.exec(text);
  if (m) return date(Number(m[2]), Number(m[1]), m[3] ? Number(m[3]) : null);
  m = SLASHED.exec(text);
  if (m) {
    const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // British Excel writes day first; a first number above 12 gives that away.
    return first > 12 ? date(second, first, year) : date(first, second, year);
  }
  return { kind: 'invalid' };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Writes a birthday as ISO "1980-03-14", or "--03-14" without a year; `parseBirthday` reads both. */
export function formatBirthday(birthday: BirthdayDraft): string {
  const monthDay = `${pad(birthday.month)}-${pad(birthday.day)}`;
  return birthday.year ? `${birthday.year}-${monthDay}` : `--${monthDay}`;
}
