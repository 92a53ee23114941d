// Phone numbers for people and for the dialer. Apart from format.ts because the number metadata
// is large (about 30 KB gzip) and only pages that show numbers should load it.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Shows an E.164 number the way people read it ("+49 170 12345678"), or as stored if unknown. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The `tel:` address of a stored number (spaces and dashes removed). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
