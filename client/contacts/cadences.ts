// The cadence settings' rules: reading the days and tags the owner types, and keeping the list
// sorted the way the server sends it (shortest cadence first).
import type { TagCadenceView } from '../api/contacts';
import { tagSchema } from '../../shared/contacts';

/** Fewest days a cadence may have (the server's limit). */
export const MIN_CADENCE_DAYS = 1;
/** Most days a cadence may have, about ten years (the server's limit). */
export const MAX_CADENCE_DAYS = 3650;

/** Why typed days are not accepted; each has a sentence in `cadences.errors`. */
export type CadenceDaysError = 'daysRequired' | 'daysWhole' | 'daysRange';

/** Why a typed tag is not accepted; each has a sentence in `cadences.errors`. */
export type CadenceTagError = 'tagRequired' | 'tagTooLong' | 'tagExists';

/** A value read from a field, or why it cannot be used. */
export type Checked<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Reads whole days between 1 and 3650 from a field's text ("30", " 14 "). */
export function checkCadenceDays(text: string): Checked<number, CadenceDaysError> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'daysRequired' };
  // Only digits: "1.5", "1e3", "-3" and "0x10" are not whole days as a person writes them.
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: 'daysWhole' };
  const days = Number(trimmed);
  if (days < MIN_CADENCE_DAYS || days > MAX_CADENCE_DAYS) return { ok: false, error: 'daysRange' };
  return { ok: true, value: days };
}

/**
 * Reads a new tag the way the server stores it (trimmed, lower-case, up to 40 characters);
 * a tag that already has a cadence is changed in its row, not added again.
 */
export function checkCadenceTag(
  text: string,
  existing: readonly TagCadenceView[],
): Checked<string, CadenceTagError> {
  const parsed = tagSchema.safeParse(text);
  if (!parsed.success) {
    return { ok: false, error: text.trim() === '' ? 'tagRequired' : 'tagTooLong' };
  }
  const tag = parsed.data;
  if (existing.some((c) => c.tag === tag)) return { ok: false, error: 'tagExists' };
  return { ok: true, value: tag };
}

/** Field errors of the form that adds a tag cadence; empty when it may be sent. */
export interface NewCadenceErrors {
  tag?: CadenceTagError;
  days?: CadenceDaysError;
}

/** Checks the add form's tag and days together, so that both fields show what to fix. */
export function checkNewCadence(
  values: { tag: string; days: string },
  existing: readonly TagCadenceView[],
): Checked<TagCadenceView, NewCadenceErrors> {
  const tag = checkCadenceTag(values.tag, existing);
  const days = checkCadenceDays(values.days);
  if (tag.ok && days.ok) return { ok: true, value: { tag: tag.value, days: days.value } };
  return {
    ok: false,
    error: { ...(tag.ok ? {} : { tag: tag.error }), ...(days.ok ? {} : { days: days.error }) },
  };
}

/** Shortest cadence first, then by tag: the order the server lists them in. */
export function sortCadences(cadences: readonly TagCadenceView[]): TagCadenceView[] {
  return [...cadences].sort((a, b) => a.days - b.days || a.tag.localeCompare(b.tag));
}

/** The list with `cadence` set (replacing the tag's old one), sorted. */
export function withCadence(
  cadences: readonly TagCadenceView[],
  cadence: TagCadenceView,
): TagCadenceView[] {
  return sortCadences([...cadences.filter((c) => c.tag !== cadence.tag), cadence]);
}

/** The list without the tag's cadence. */
export function withoutCadence(cadences: readonly TagCadenceView[], tag: string): TagCadenceView[] {
  return cadences.filter((c) => c.tag !== tag);
}
