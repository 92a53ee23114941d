// The vCard tokeniser: physical lines to cards of properties, for vCard 2.1, 3.0 and 4.0 as
// Google, Apple and Outlook write them. It unfolds lines, joins quoted-printable soft line
// breaks, decodes quoted-printable and base64 text with the card's CHARSET, and reads both
// "TYPE=work,voice" and bare 2.1 parameters ("TEL;WORK;VOICE:"). Escapes ("\,", "\n") are left
// in the values, because structured values must be split on ";" before they are unescaped.
import { decodeCharset } from './decode.js';
import type { ImportError } from './draft.js';

/** One property of a card: `item1.EMAIL;type=INTERNET;type=pref:anna@example.de`. */
export interface VcardProperty {
  /** Apple's grouping prefix ("item1"), if any. */
  group: string | null;
  /** Upper-case name ("EMAIL", "X-ABLABEL"). */
  name: string;
  /** Upper-case parameter names; TYPE and ENCODING values in lower case. */
  params: ReadonlyMap<string, readonly string[]>;
  /** Transfer-decoded text; vCard escapes are still in place. Binary values stay as written. */
  value: string;
}

/** A card between BEGIN:VCARD and END:VCARD. */
export interface RawVcard {
  /** 1-based line of BEGIN:VCARD. */
  line: number;
  version: string | null;
  properties: VcardProperty[];
}

/** The cards read from a file, and the places where no card could be read. */
export interface VcardTokens {
  cards: RawVcard[];
  errors: ImportError[];
}

// Media that arrive base64-encoded; they are kept as written (the importer drops them).
const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
const NAME = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
// Bare 2.1 parameters that are encodings, not types.
const BARE_ENCODINGS = new Set(['quoted-printable', 'base64', '8bit', '7bit']);

/** Finds `char` outside double quotes (parameter values may quote ":" and ";"), or -1. */
function indexOutsideQuotes(text: string, char: string, from = 0): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, char: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (
    let i = indexOutsideQuotes(text, char);
    i !== -1;
    i = indexOutsideQuotes(text, char, start)
  ) {
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

const unquote = (v: string) =>
  v.length > 1 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;

function parseParams(segments: readonly string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const add = (key: string, values: string[]) =>
    params.set(key, [...(params.get(key) ?? []), ...values]);
  for (const segment of segments) {
    if (!segment) continue;
    const eq = segment.indexOf('=');
    if (eq === -1) {
      const bare = segment.trim().toLowerCase();
      add(BARE_ENCODINGS.has(bare) ? 'ENCODING' : 'TYPE', [bare]);
      continue;
    }
    const key = segment.slice(0, eq).trim().toUpperCase();
    const raw = segment.slice(eq + 1);
    const lower = key === 'TYPE' || key === 'ENCODING' || key === 'VALUE';
    // TYPE="work,voice" (4.0) and TYPE=work,voice (3.0) mean the same.
    const values = (key === 'TYPE' ? splitOutsideQuotes(unquote(raw), ',') : [unquote(raw)]).map(
      (v) => (lower ? v.trim().toLowerCase() : v.trim()),
    );
    add(key, values);
  }
  return params;
}

interface ContentLine {
  group: string | null;
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** Splits an unfolded content line into name, parameters and value; null if it is not one. */
function splitContentLine(line: string): ContentLine | null {
  const colon = indexOutsideQuotes(line, ':');
  if (colon === -1) return null;
  const [head = '', ...segments] = splitOutsideQuotes(line.slice(0, colon), ';');
  const name = NAME.exec(head.trim());
  if (!name?.[2]) return null;
  return {
    group: name[1] ?? null,
    name: name[2].toUpperCase(),
    params: parseParams(segments),
    value: line.slice(colon + 1),
  };
}

/** Decodes quoted-printable ("Gr=C3=BC=C3=9Fe") with the given charset. */
export function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  let text = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) text += decodeCharset(Uint8Array.from(bytes), charset);
    bytes = [];
  };
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (value.charCodeAt(i) < 0x80) {
      bytes.push(value.charCodeAt(i));
    } else {
      // A writer that put raw non-ASCII text into a QP value: the file's decoding already
      // turned it into characters, so it is kept as it is.
      flush();
      text += value[i];
    }
  }
  flush();
  return text;
}

const first = (params: ReadonlyMap<string, readonly string[]>, key: string) => params.get(key)?.[0];

function decodeValue(line: ContentLine): string {
  const encoding = first(line.params, 'ENCODING');
  const charset = first(line.params, 'CHARSET');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(line.value, charset);
  if ((encoding === 'b' || encoding === 'base64') && !BINARY.has(line.name)) {
    return decodeCharset(Buffer.from(line.value.replace(/\s+/g, ''), 'base64'), charset);
  }
  // Plain values were decoded with the whole file; CHARSET on them says nothing new.
  return line.value;
}

const isBinaryBase64 = (p: VcardProperty | undefined): p is VcardProperty => {
  const encoding = p && first(p.params, 'ENCODING');
  return !!p && BINARY.has(p.name) && (encoding === 'b' || encoding === 'base64');
};

/**
 * Reads the cards of a vCard file. A card without END:VCARD, a line inside a card that is not a
 * property, and text outside any card become errors with the line where the card (or the text)
 * starts; every other card is returned, whatever it contains.
 */
export function tokenizeVcards(text: string): VcardTokens {
  const lines = text.split(/\r\n|\r|\n/);
  const cards: RawVcard[] = [];
  const errors: ImportError[] = [];
  let card: RawVcard | null = null;
  let broken: string | null = null;
  let strayReported = false;

  for (let i = 0; i < lines.length;) {
    const lineNumber = i + 1;
    let raw = lines[i++] ?? '';
    if (!raw.trim()) continue;
    // Unfolding: 3.0 and 4.0 drop the one whitespace character after the break; 2.1 folds at
    // whitespace and keeps it.
    const keepSpace = card?.version === '2.1';
    for (let next = lines[i]; next !== undefined && /^[ \t]/.test(next); next = lines[++i]) {
      raw += keepSpace ? next : next.slice(1);
    }
    const line = splitContentLine(raw);
    // Quoted-printable soft line breaks: a value ending in "=" goes on in the next line.
    if (line && first(line.params, 'ENCODING') === 'quoted-printable') {
      while (line.value.endsWith('=') && i < lines.length) {
        line.value = line.value.slice(0, -1) + (lines[i++] ?? '');
      }
    }

    if (line?.name === 'BEGIN' && line.value.trim().toUpperCase() === 'VCARD') {
      if (card) errors.push({ line: card.line, code: 'unterminated_card' });
      card = { line: lineNumber, version: null, properties: [] };
      broken = null;
      strayReported = false;
    } else if (!card) {
      // Report a run of stray text once, where it starts.
      if (!strayReported)
        errors.push({ line: lineNumber, code: 'malformed_card', detail: raw.slice(0, 80) });
      strayReported = true;
    } else if (line?.name === 'END' && line.value.trim().toUpperCase() === 'VCARD') {
      if (broken !== null) errors.push({ line: card.line, code: 'malformed_card', detail: broken });
      else cards.push(card);
      card = null;
    } else if (!line) {
      const last = card.properties.at(-1);
      // Some 2.1 writers do not indent the lines of a base64 photo.
      if (isBinaryBase64(last) && BASE64_LINE.test(raw.trim())) last.value += raw.trim();
      else broken ??= raw.slice(0, 80);
    } else {
      if (line.name === 'VERSION') card.version = line.value.trim();
      card.properties.push({
        group: line.group,
        name: line.name,
        params: line.params,
        value: decodeValue(line),
      });
    }
  }
  if (card) errors.push({ line: card.line, code: 'unterminated_card' });
  return { cards, errors };
}
