// Turns uploaded bytes into text. Spreadsheet and address-book exports arrive in whatever the
// exporting program chose: UTF-8 with or without BOM, Excel's "Unicode text" (UTF-16 with BOM)
// or, from older Outlook and German Excel, Windows-1252 with no marker at all.
import { Invalid } from '../errors.js';

/** Text encodings an import file may be decoded with. */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
/** The encoding an import file was decoded with. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Decoded text and the encoding it was read with. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// Bytes 0x80 to 0x9F of Windows-1252 (WHATWG index). Node 20.18.3 and later decode
// "windows-1252" as Latin-1 (nodejs/node#56542, #60888), turning "€" and the German quotes
// „…“ into invisible control characters; decoded text is mapped through this table, which
// changes nothing where the runtime decodes correctly.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array, decoder = new TextDecoder('windows-1252')): string {
  return decoder
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decodes an import file: a BOM decides; otherwise strict UTF-8, and Windows-1252 when the bytes
 * are not valid UTF-8. Throws `Invalid` ("not_text") for binary files.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let decoded: DecodedText;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    try {
      decoded = { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
    } catch {
      // Every byte sequence is valid Windows-1252, so this cannot fail; a wrong guess shows up
      // as odd characters in the preview, where the user sees it before importing.
      decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    }
  }
  // No text export contains NUL; it means an image, a spreadsheet binary or UTF-16 without BOM.
  if (decoded.text.includes('\0')) {
    throw new Invalid('The file is not a text file (CSV or vCard expected)', 'not_text');
  }
  return decoded;
}

/**
 * Decodes bytes whose charset a vCard parameter names ("utf-8", "windows-1252", "iso-8859-1");
 * falls back to `decodeText`'s detection when the label is missing or unknown.
 */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  try {
    decoder = charset ? new TextDecoder(charset.trim().toLowerCase()) : undefined;
  } catch {
    // An unknown label: detect instead of failing the whole card.
  }
  // "iso-8859-1", "latin1" and "us-ascii" are all Windows-1252 by the WHATWG rules.
  if (decoder?.encoding === 'windows-1252') return decodeWindows1252(bytes, decoder);
  if (decoder) return decoder.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
