// Search folding for German names and addresses, run on both sides so that what the server
// indexes and what the client types compare equal: "Müller", "MUELLER" and "mueller" meet.
// Browser-safe on purpose: only String.prototype.normalize and regular expressions, no Node APIs.

// German spells umlauts out when they cannot be typed ("Mueller"), so folding to the spelled-out
// form lets both spellings meet; stripping the dots instead ("Muller") would match neither.
const GERMAN: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

// Letters that NFKD does not decompose into a base letter and a mark, so stripping marks alone
// would leave them as they are.
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Everything `foldText` does except collapsing and trimming whitespace. */
function foldLetters(s: string): string {
  // NFC first so that a decomposed "u" + U+0308 becomes "ü" and takes the German rule.
  // toLowerCase, not toLocaleLowerCase: the result must not depend on the reader's locale
  // (a Turkish locale would lower-case "I" to a dotless "ı").
  const lower = s.normalize('NFC').toLowerCase();
  return (
    lower
      .replace(/[äöüß]/gu, (c) => GERMAN[c] ?? c)
      .replace(/[æœøłđðþı]/gu, (c) => UNDECOMPOSABLE[c] ?? c)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // Soft hyphens, zero-width spaces and direction marks sneak in with pasted names.
      .replace(/\p{Cf}/gu, '')
      // Compatibility forms (full-width "Ａ", circled letters) only become capitals after NFKD.
      .toLowerCase()
  );
}

// Below U+0300 (Latin letters with their accents, no combining marks) every step of
// `foldLetters` works on each character alone, so a text of such characters folds character by
// character, each looked up once.
const TABLE_END = 0x300;
const folded: (string | undefined)[] = new Array<string | undefined>(TABLE_END);

// Printable ASCII, tabs and line breaks: nothing in it decomposes, is a mark or is invisible.
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;

/**
 * Folds text for search: lower-case, German umlauts and ß spelled out ("Jürgen Groß" becomes
 * "juergen gross"), other diacritics dropped ("Renée" becomes "renee"), whitespace collapsed.
 */
export function foldText(s: string): string {
  // Imports fold every field of 100,000 contacts, so the common cases take short paths.
  if (PLAIN_ASCII.test(s)) return s.toLowerCase().replace(/\s+/g, ' ').trim();
  let letters = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= TABLE_END) {
      letters = foldLetters(s);
      break;
    }
    letters += folded[code] ??= foldLetters(s[i]!);
  }
  return letters.replace(/\s+/gu, ' ').trim();
}

// Alternatives are tried left to right at each position, so e-mail addresses win over phone
// numbers, and phone numbers over plain words. Every match consumes a whole run of letters and
// digits, so a phone number can only start after a non-word character; the lookahead stops one
// from ending inside "0815abc". No lookbehind: Safari before 16.4 refuses it at parse time.
const TOKEN = new RegExp(
  [
    String.raw`(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)`,
    String.raw`(?<phone>\+?\(?\d[\d ()/.-]*\d(?![\p{L}\p{N}]))`,
    String.raw`(?<word>[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)`,
  ].join('|'),
  'gu',
);

/** Fewest digits for a run of digit groups to count as one phone number ("089 123456"). */
export const MIN_PHONE_DIGITS = 6;

const parts = (s: string): string[] => s.match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Splits text into folded search tokens, without duplicates, in order of first appearance.
 *
 * Words are runs of letters and digits. Three shapes also yield a joined token beside their
 * parts, so that a search can match either the whole or a piece:
 * - an e-mail address stays whole ("anna.mueller+crm@firma.de") and also gives its parts
 *   ("anna", "mueller", "crm", "firma", "de");
 * - a phone number written with separators ("+49 (0)89 123-456") gives its digits joined
 *   ("49089123456") when it has at least `MIN_PHONE_DIGITS` digits, and also each digit group;
 * - a word with an apostrophe ("O'Brien") gives the joined word ("obrien") and its parts.
 */
export function foldTokens(s: string): string[] {
  const tokens = new Set<string>();
  for (const match of foldText(s).matchAll(TOKEN)) {
    const { email, phone, word } = match.groups ?? {};
    if (email !== undefined) {
      tokens.add(email);
      for (const part of parts(email)) tokens.add(part);
    } else if (phone !== undefined) {
      const groups = phone.match(/\d+/gu) ?? [];
      const digits = groups.join('');
      if (groups.length > 1 && digits.length >= MIN_PHONE_DIGITS) tokens.add(digits);
      for (const group of groups) tokens.add(group);
    } else if (word !== undefined) {
      const pieces = parts(word);
      if (pieces.length > 1) tokens.add(pieces.join(''));
      for (const piece of pieces) tokens.add(piece);
    }
  }
  return [...tokens];
}
