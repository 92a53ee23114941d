// Cadences: how often a contact should be reached. A contact's own cadence wins, else the
// shortest of its tags' cadences (the team's table, seeded with defaults), else the fallback.
// The effective cadence and the resulting `due_at` are stored on the contact so that the Today
// list reads the most overdue contacts from an index; every write that changes a contact's
// cadence, tags or last touch keeps them current. The rules themselves are in cadence.rules.ts.
import { sql } from 'kysely';
import type { ContactId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { DAY_MS, effectiveCadence } from './cadence.rules.js';

const REFRESH_BATCH = 500;

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
