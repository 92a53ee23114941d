// The token of a contact's personal link (`/r/<handle>?c=<token>`), read from the page address.
import { personalLinkTokenSchema } from '../../shared/limits';

/** The personal-link token in a query string, or null when there is none (or it is malformed). */
export function readPersonalLink(search: string): string | null {
  const token = new URLSearchParams(search).get('c');
  return token !== null && personalLinkTokenSchema.safeParse(token).success ? token : null;
}
