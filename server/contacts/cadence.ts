// Cadences: how often a contact should be reached. A contact's own cadence wins, else the
// shortest of its tags' cadences (the team's table, seeded with defaults), else the fallback.
// The effective cadence and the resulting `due_at` are stored on the contact so that the Today
// list reads the most overdue contacts from an index; every write that changes a contact's
// cadence, tags or last touch keeps them current.
import { sql } from 'kysely';
import { DEFAULT_TAG_CADENCES, FALLBACK_CADENCE_DAYS } from '../../shared/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { ContactRow } from './contact.table.js';

const DAY_MS = 86_400_000;
const REFRESH_BATCH = 500;

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

/**
 * SQL for `due_at` when the contact's last touch becomes `lastTouch` (null: never touched, so
 * counted from its creation), with the contact's stored effective cadence.
 */
export function dueAtSql(lastTouch: number | null) {
  const from = lastTouch === null ? sql.ref('created_at') : sql.lit(lastTouch);
  return sql<number>`${from} + cast(cadence_effective as bigint) * ${sql.lit(DAY_MS)}`;
}

/** The team's cadence per tag, as stored (seeded with the defaults). */
export async function loadTagCadences(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('tag_cadences').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.tag, r.days]));
}

/** Recomputes the stored cadence and due time of the given contacts from their tags. */
export async function refreshCadences(db: Db, ids: readonly ContactId[]): Promise<void> {
  const tagCadences = await loadTagCadences(db);
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
    const batch = ids.slice(i, i + REFRESH_BATCH);
    const [rows, tagRows] = await Promise.all([
      db.selectFrom('contacts').select(['id', 'cadence_days']).where('id', 'in', batch).execute(),
      db
        .selectFrom('contact_tags')
        .select(['contact_id', 'tag'])
        .where('contact_id', 'in', batch)
        .execute(),
    ]);
    const tags = new Map<ContactId, string[]>();
    for (const t of tagRows) tags.set(t.contact_id, [...(tags.get(t.contact_id) ?? []), t.tag]);
    // One statement per distinct cadence: there are few.
    const byCadence = new Map<number, ContactId[]>();
    for (const row of rows) {
      const cadence = effectiveCadence(row.cadence_days, tags.get(row.id) ?? [], tagCadences);
      byCadence.set(cadence, [...(byCadence.get(cadence) ?? []), row.id]);
    }
    for (const [cadence, group] of byCadence) {
      await db
        .updateTable('contacts')
        .set({
          cadence_effective: cadence,
          due_at: sql<number>`coalesce(last_touch_at, created_at) + ${sql.lit(cadence * DAY_MS)}`,
        })
        .where('id', 'in', group)
        .execute();
    }
  }
}

/** Ids of contacts that carry the tag, in any letter case. */
async function contactsTagged(db: Db, tag: string): Promise<ContactId[]> {
  const wanted = tag.toLowerCase();
  // SQLite's lower() folds ASCII only, so the spellings are matched here.
  const spellings = (await db.selectFrom('contact_tags').select('tag').distinct().execute())
    .map((r) => r.tag)
    .filter((t) => t.toLowerCase() === wanted);
  if (spellings.length === 0) return [];
  const rows = await db
    .selectFrom('contact_tags')
    .select('contact_id')
    .distinct()
    .where('tag', 'in', spellings)
    .execute();
  return rows.map((r) => r.contact_id);
}

/** Sets (or with null, removes) the team's cadence for a tag and refreshes the contacts that carry it. */
export async function setTagCadence(db: Db, tag: string, days: number | null): Promise<void> {
  const key = tag.toLowerCase();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('tag_cadences').where('tag', '=', key).execute();
    if (days !== null) await trx.insertInto('tag_cadences').values({ tag: key, days }).execute();
    await refreshCadences(trx, await contactsTagged(trx, key));
  });
}
