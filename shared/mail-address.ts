// The e-mail address rule both sides hold a form to: an address that the mailer can send to as
// one recipient. Stricter than a plain e-mail pattern on purpose (see `isMailAddress`).

/** Longest address accepted (RFC 5321's path limit). */
export const MAX_ADDRESS = 254;

// Lenient on purpose: a local part of printable characters without the ones that delimit
// addresses or comments in a header (a comma would make two recipients of one), and a domain of
// letter/digit labels (single-label hosts like `localhost` and international letters included;
// nodemailer encodes them). No domain literals (`a@[127.0.0.1]`).
const LOCAL = String.raw`[^\s@<>()\[\]\\,;:"]+`;
const LABEL = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?`;
const ADDRESS = new RegExp(`^${LOCAL}@${LABEL}(?:\\.${LABEL})*$`, 'u');

/** Tells whether a string is a bare e-mail address (no name, no angle brackets). */
export function isMailAddress(value: string): boolean {
  return value.length <= MAX_ADDRESS && ADDRESS.test(value);
}
