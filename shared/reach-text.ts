// Best-reach windows as text: reading what a seller types ("Di–Do 8–10 Uhr", "weekdays 9-11")
// and writing windows back compactly.
import type { ReachWindow } from './contacts.js';
import { foldText } from './fold.js';

/** Most windows a contact may have; matches `contactInputSchema.bestReach`. */
export const MAX_REACH_WINDOWS = 7;

/** Why a reach text could not be read; the client turns the code into words via i18n. */
export type ReachParseErrorCode =
  | 'unknown_word'
  | 'missing_days'
  | 'missing_time'
  | 'incomplete_range'
  | 'invalid_time'
  | 'ends_before_start'
  | 'too_many_windows';

/** A reach text that could not be read: what went wrong, in which part, and near which word. */
export interface ReachParseError {
  error: ReachParseErrorCode;
  /** The window (a part between `;` or line breaks) as typed, or the whole text. */
  segment: string;
  /** The word or number where reading stopped, lower-cased. */
  near?: string;
}

const WORKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

// Keys are folded (see foldText). English two-letter forms are the calendar ones (Tu, We, Th,
// Su) and never collide with the German ones (Di, Mi, Do, So).
const DAY_ABBREVIATION_WORDS: Readonly<Record<string, number>> = {
  mo: 1,
  mon: 1,
  di: 2,
  tu: 2,
  tue: 2,
  tues: 2,
  mi: 3,
  we: 3,
  wed: 3,
  do: 4,
  th: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  fr: 5,
  fri: 5,
  sa: 6,
  sat: 6,
  so: 7,
  su: 7,
  sun: 7,
};
const DAY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['montag', 1],
  ['monday', 1],
  ['dienstag', 2],
  ['tuesday', 2],
  ['mittwoch', 3],
  ['wednesday', 3],
  ['donnerstag', 4],
  ['thursday', 4],
  ['freitag', 5],
  ['friday', 5],
  ['samstag', 6],
  ['sonnabend', 6],
  ['saturday', 6],
  ['sonntag', 7],
  ['sunday', 7],
];
const DAY_WORDS: Readonly<Record<string, number>> = {
  ...DAY_ABBREVIATION_WORDS,
  ...Object.fromEntries(DAY_NAMES),
  // "dienstags", "mondays": the plural says "every Tuesday", which is what a window means anyway.
  ...Object.fromEntries(DAY_NAMES.map(([name, day]) => [`${name}s`, day])),
};

// "Werktags" legally includes Saturday, but sellers use it, like "weekdays", for Monday to Friday.
const DAY_SET_WORDS: Readonly<Record<string, readonly number[]>> = {
  weekday: WORKDAYS,
  weekdays: WORKDAYS,
  workday: WORKDAYS,
  workdays: WORKDAYS,
  werktag: WORKDAYS,
  werktage: WORKDAYS,
  werktags: WORKDAYS,
  wochentag: WORKDAYS,
  wochentage: WORKDAYS,
  wochentags: WORKDAYS,
  weekend: WEEKEND,
  weekends: WEEKEND,
  wochenende: WEEKEND,
  wochenendes: WEEKEND,
  daily: EVERY_DAY,
  taeglich: EVERY_DAY,
  everyday: EVERY_DAY,
};

const RANGE_WORDS = new Set(['bis', 'to', 'till', 'til', 'until', 'through', 'thru']);
// "und"/"and" joins days ("Mo und Mi") but spans times ("zwischen 8 und 10").
const CONJUNCTION_WORDS = new Set(['und', 'and']);
const SEPARATOR_WORDS = new Set(['oder', 'or', 'sowie']);
// Filler a seller may type around days and times; "am" is German ("am Montag") when it does not
// follow a number, where it is the English meridiem.
const FILLER_WORDS = new Set([
  'uhr',
  'h',
  'von',
  'from',
  'ab',
  'zwischen',
  'between',
  'am',
  'an',
  'on',
  'um',
  'at',
  'jeweils',
  'each',
  'every',
  'jeden',
  'immer',
  'always',
  'nur',
  'only',
]);

interface Time {
  hour: number;
  minute: number;
  meridiem: 'a' | 'p' | null;
}

type Token =
  | { kind: 'days'; days: readonly number[]; single: boolean }
  | { kind: 'time'; time: Time; text: string }
  | { kind: 'range' }
  | { kind: 'conjunction' }
  | { kind: 'separator' };

const TOKEN = new RegExp(
  [
    String.raw`\s*(?:`,
    String.raw`(?<time>(?<hour>\d{1,2})(?:[:.h](?<minute>\d{2}))?(?!\d)(?:\s*(?<meridiem>[ap])\.?m(?!\p{L})\.?)?)`,
    String.raw`|(?<number>\d+)`,
    String.raw`|(?<word>\p{L}+)\.?`,
    String.raw`|(?<range>[-‐‑‒–—−~]|\.\.)`,
    String.raw`|(?<separator>[,&/+.:()])`,
    String.raw`|(?<other>\S)`,
    String.raw`)`,
  ].join(''),
  'uy',
);

type Tokens = { tokens: Token[] } | { error: ReachParseErrorCode; near: string };

function tokenize(segment: string): Tokens {
  const tokens: Token[] = [];
  const text = segment.normalize('NFC').toLowerCase();
  const re = new RegExp(TOKEN.source, TOKEN.flags);
  while (re.lastIndex < text.length) {
    const match = re.exec(text);
    const g = match?.groups;
    if (!match || !g) break;
    if (g.time !== undefined) {
      const meridiem = g.meridiem === 'a' || g.meridiem === 'p' ? g.meridiem : null;
      const time: Time = { hour: Number(g.hour), minute: Number(g.minute ?? 0), meridiem };
      tokens.push({ kind: 'time', time, text: g.time });
    } else if (g.number !== undefined) {
      return { error: 'invalid_time', near: g.number };
    } else if (g.word !== undefined) {
      const word = foldText(g.word);
      const day = DAY_WORDS[word];
      const set = DAY_SET_WORDS[word];
      if (day !== undefined) tokens.push({ kind: 'days', days: [day], single: true });
      else if (set !== undefined) tokens.push({ kind: 'days', days: set, single: false });
      else if (RANGE_WORDS.has(word)) tokens.push({ kind: 'range' });
      else if (CONJUNCTION_WORDS.has(word)) tokens.push({ kind: 'conjunction' });
      else if (SEPARATOR_WORDS.has(word)) tokens.push({ kind: 'separator' });
      else if (!FILLER_WORDS.has(word)) return { error: 'unknown_word', near: g.word };
    } else if (g.range !== undefined) {
      tokens.push({ kind: 'range' });
    } else if (g.separator !== undefined) {
      tokens.push({ kind: g.separator === '&' ? 'conjunction' : 'separator' });
    } else if (g.other !== undefined) {
      return { error: 'unknown_word', near: g.other };
    }
  }
  return { tokens };
}

// Minutes since midnight, or null when the time does not exist ("25:00", "13 pm").
function toMinutes(t: Time, meridiem: Time['meridiem']): number | null {
  if (t.minute > 59) return null;
  if (meridiem === null) return t.hour <= 23 ? t.hour * 60 + t.minute : null;
  if (t.hour < 1 || t.hour > 12) return null;
  return ((t.hour % 12) + (meridiem === 'p' ? 12 : 0)) * 60 + t.minute;
}

// "2-4pm" means 14:00–16:00, but "10-2pm" means 10:00–14:00: a start without its own meridiem
// borrows the end's only when that keeps it before the end.
function timeRange(a: Time, b: Time): { from: number; to: number } | ReachParseErrorCode {
  const to = toMinutes(b, b.meridiem);
  if (to === null) return 'invalid_time';
  let from = toMinutes(a, a.meridiem);
  if (a.meridiem === null && b.meridiem !== null) {
    const borrowed = toMinutes(a, b.meridiem);
    if (borrowed !== null && borrowed < to) from = borrowed;
  }
  if (from === null) return 'invalid_time';
  if (from >= to) return 'ends_before_start';
  return { from, to };
}

// A day range may wrap over the weekend: "Fr–Mo" is Friday, Saturday, Sunday and Monday.
function dayRange(from: number, to: number): number[] {
  const days: number[] = [];
  for (let d = from; ; d = (d % 7) + 1) {
    days.push(d);
    if (d === to) return days;
  }
}

function parseSegment(segment: string): ReachWindow[] | ReachParseError {
  const fail = (error: ReachParseErrorCode, near?: string): ReachParseError =>
    near === undefined ? { error, segment } : { error, segment, near };
  const read = tokenize(segment);
  if ('error' in read) return fail(read.error, read.near);
  const { tokens } = read;
  const days = new Set<number>();
  const times: { from: number; to: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const link = tokens[i + 1];
    const next = tokens[i + 2];
    if (token?.kind === 'days') {
      if (link?.kind === 'range') {
        const [from] = token.days;
        const [to] = next?.kind === 'days' && next.single ? next.days : [];
        if (!token.single || from === undefined || to === undefined)
          return fail('incomplete_range');
        dayRange(from, to).forEach((d) => days.add(d));
        i += 2;
      } else {
        token.days.forEach((d) => days.add(d));
      }
    } else if (token?.kind === 'time') {
      if ((link?.kind !== 'range' && link?.kind !== 'conjunction') || next?.kind !== 'time') {
        return fail('incomplete_range', token.text);
      }
      const range = timeRange(token.time, next.time);
      if (typeof range === 'string') return fail(range, `${token.text}–${next.text}`);
      times.push(range);
      i += 2;
    } else if (token?.kind === 'range') {
      return fail('incomplete_range');
    }
  }
  if (days.size === 0) return fail('missing_days');
  if (times.length === 0) return fail('missing_time');
  const sorted = [...days].sort((a, b) => a - b);
  return times.map(({ from, to }) => ({
    days: sorted,
    from: formatMinutes(from),
    to: formatMinutes(to),
  }));
}

/**
 * Reads best-reach windows as a seller types them, in German or English: "Tue–Thu 08:00–10:00",
 * "Di–Do 8–10 Uhr", "Mo, Mi 14:00-16:30", "werktags 9 bis 11", "Mon-Fri 8:30–9:15; Sat 10–12".
 * Windows are separated by `;` or line breaks, and one window may list several time ranges
 * ("Mo 8–10, 14–16"). Empty text reads as no windows.
 */
export function parseReachText(text: string): ReachWindow[] | ReachParseError {
  const windows: ReachWindow[] = [];
  for (const raw of text.split(/[;\n\r]+/u)) {
    const segment = raw.trim();
    if (segment === '') continue;
    const parsed = parseSegment(segment);
    if (!Array.isArray(parsed)) return parsed;
    windows.push(...parsed);
  }
  if (windows.length > MAX_REACH_WINDOWS) return { error: 'too_many_windows', segment: text };
  return windows;
}

// The notation formatReach writes is the one parseReachText reads back, so the abbreviations
// live beside the parser rather than in the translators' files.
const DAY_ABBREVIATIONS: Readonly<Record<'de' | 'en', readonly string[]>> = {
  de: ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

function formatDays(days: readonly number[], lang: 'de' | 'en'): string {
  const name = (d: number) => DAY_ABBREVIATIONS[lang][d - 1] ?? String(d);
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const first = sorted[i] ?? 0;
    const last = sorted[j] ?? 0;
    // Three or more days in a row read better as a range; two stay a list ("Sa, So").
    if (j - i >= 2) parts.push(`${name(first)}–${name(last)}`);
    else for (let k = i; k <= j; k++) parts.push(name(sorted[k] ?? 0));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Writes windows back as compact text, e.g. "Di–Do 08:00–10:00; Sa 10:00–12:00". */
export function formatReach(windows: readonly ReachWindow[], lang: 'de' | 'en'): string {
  return windows.map((w) => `${formatDays(w.days, lang)} ${w.from}–${w.to}`).join('; ');
}

/** Writes minutes since midnight as "HH:MM". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
