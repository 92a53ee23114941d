// E-mail addresses with an optional display name ("Nahbar <nahbar@example.com>"): parsed once,
// at the edge (config, a message handed to the mailer), into a name and an address.
import { z } from 'zod';
import { isMailAddress } from '../../shared/mail-address.js';

/** An e-mail address and the name shown with it. */
export interface MailAddress {
  name: string | null;
  address: string;
}

const NAMED = /^(.*?)\s*<([^<>]*)>$/su;
// Control characters (CR and LF above all) would let a name or subject inject header lines.
const CONTROL = /\p{Cc}/u;

/** Longest display name accepted. */
export const MAX_DISPLAY_NAME = 200;

// The address rule itself lives in shared/, so that a form (the guest's booking form) refuses at
// its edge what the mailer would refuse later.
export { isMailAddress, MAX_ADDRESS } from '../../shared/mail-address.js';

/** Parses `name@example.com`, `Name <name@example.com>` or `"Name, Inc." <name@example.com>`. */
export function parseMailAddress(input: string): MailAddress | null {
  const value = input.trim();
  const named = NAMED.exec(value);
  const address = (named ? named[2] : value)?.trim() ?? '';
  if (!isMailAddress(address)) return null;
  let name = named?.[1]?.trim() ?? '';
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  if (CONTROL.test(name) || /[<>]/.test(name) || name.length > MAX_DISPLAY_NAME) return null;
  return { name: name === '' ? null : name, address };
}

const ADDRESS_HINT = 'use an e-mail address, optionally with a name: Name <name@example.com>';

/** Validates a string address (with an optional name) and yields its parts. */
export const mailAddressSchema = z.string().transform((raw, ctx): MailAddress => {
  const parsed = parseMailAddress(raw);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: ADDRESS_HINT });
    return z.NEVER;
  }
  return parsed;
});

/** Validates an address given as parts, as callers that know name and address separately do. */
export const mailAddressPartsSchema = z
  .object({
    name: z.string().nullish(),
    address: z.string(),
  })
  .transform((raw, ctx): MailAddress => {
    const name = raw.name?.trim() ?? '';
    const address = raw.address.trim();
    if (!isMailAddress(address)) {
      ctx.addIssue({ code: 'custom', message: 'not an e-mail address', path: ['address'] });
      return z.NEVER;
    }
    if (CONTROL.test(name) || name.length > MAX_DISPLAY_NAME) {
      ctx.addIssue({
        code: 'custom',
        message: `a name of at most ${MAX_DISPLAY_NAME} characters without line breaks`,
        path: ['name'],
      });
      return z.NEVER;
    }
    return { name: name === '' ? null : name, address };
  });
