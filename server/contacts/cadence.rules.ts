// Cadence rules without a database, shared by the services and the import worker: a contact's own
// cadence wins, else the shortest of its tags' cadences, else the fallback; a contact is due at
// its last touch (or creation) plus that cadence.
import { DEFAULT_TAG_CADENCES, FALLBACK_CADENCE_DAYS } from '../../shared/contacts.js';
import type { ContactRow } from './contact.table.js';

/** A day in milliseconds. */
export const DAY_MS = 86_400_000;

/**
 * The cadence that applies to a contact: their own, else the shortest among their tags'
 * cadences (tags compare case-insensitively), else `FALLBACK_CADENCE_DAYS`.
 */
export function effectiveCadence(
  own: number | null,
  tags: readonly string[],
  tagCadences: Readonly<Record<string, number>> = DEFAULT_TAG_CADENCES,
): number {
  if (own !== null) return own;
  const known = lowerCased(tagCadences);
  let shortest: number | undefined;
  for (const tag of tags) {
    const days = known.get(tag.toLowerCase());
    if (days !== undefined && (shortest === undefined || days < shortest)) shortest = days;
  }
  return shortest ?? FALLBACK_CADENCE_DAYS;
}

// Each cadence table by lower-cased tag, made once per table: an import asks for 100,000
// contacts with the same table.
const byLowerCaseTag = new WeakMap<object, ReadonlyMap<string, number>>();

function lowerCased(tagCadences: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
  let known = byLowerCaseTag.get(tagCadences);
  if (!known) {
    known = new Map(Object.entries(tagCadences).map(([tag, days]) => [tag.toLowerCase(), days]));
    byLowerCaseTag.set(tagCadences, known);
  }
  return known;
}

/** When a contact is (or was) due: its last touch, or its creation if never touched, plus the cadence. */
export function dueAtOf(
  lastTouchAt: number | null,
  createdAt: number,
  cadenceDays: number,
): number {
  return (lastTouchAt ?? createdAt) + cadenceDays * DAY_MS;
}

/** The stored cadence columns of a contact with the given own cadence, tags and last touch. */
export function cadenceColumns(
  row: Pick<ContactRow, 'cadence_days' | 'last_touch_at' | 'created_at'>,
  tags: readonly string[],
  tagCadences: Readonly<Record<string, number>>,
): Pick<ContactRow, 'cadence_effective' | 'due_at'> {
  const cadence = effectiveCadence(row.cadence_days, tags, tagCadences);
  return {
    cadence_effective: cadence,
    due_at: dueAtOf(row.last_touch_at, row.created_at, cadence),
  };
}
