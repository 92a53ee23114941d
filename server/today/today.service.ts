// The Today list from the database: a few SQL queries find everyone who could be on it (due by
// cadence, a birthday this week, a next step due), `rankToday` orders them, and the entries come
// back with the person's local time and whether now is a good moment to reach them.
import { sql } from 'kysely';
import type { TodayView } from '../../shared/api/contacts.js';
import { FALLBACK_CADENCE_DAYS } from '../../shared/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import { presentContact } from '../contacts/contact.presenters.js';
import { findContactsByIds, loadContactRecords } from '../contacts/contact.repository.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { openNextSteps } from '../touchpoints/touchpoint.repository.js';
import { effectiveCadence, rankToday, TODAY_CAP } from './rank.js';
import { localMoment, reachStatus } from './reach.js';
import type { TodayCandidate } from './reasons.js';
import { addDays, DEFAULT_TIME_ZONE, wallClock, zonedTimeToEpoch } from './time-zone.js';

const DAY_MS = 86_400_000;

/** The team's cadence per tag (seeded with the defaults, changeable by the owner). */
export async function loadTagCadences(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('tag_cadences').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.tag, r.days]));
}

/** (month, day) pairs from yesterday to a week ahead: every zone's "this week" of birthdays. */
function birthdayDays(now: number): { month: number; day: number }[] {
  const today = wallClock(now, 'UTC');
  return Array.from({ length: 9 }, (_, i) => addDays(today, i - 1)).map((d) => ({
    month: d.month,
    day: d.day,
  }));
}

/**
 * Ids of the viewer's contacts that may qualify: the most overdue ones (by their effective
 * cadence), everyone with a birthday about now, and everyone with a next step due by the end of
 * today (also in `stepIds`). The ranking decides among them; `dueCount` is how many are due in all.
 */
async function findCandidateIds(
  db: Db,
  viewer: Viewer,
  now: number,
  endOfToday: number,
  take: number,
): Promise<{ ids: ContactId[]; stepIds: ContactId[]; dueCount: number }> {
  const last = sql<number>`coalesce(c.last_touch_at, c.created_at)`;
  const cadence = sql<number>`coalesce(c.cadence_days, t.days, ${FALLBACK_CADENCE_DAYS})`;
  // The overdue ratio as rankToday computes it (at least 1 for someone never touched).
  const elapsed = sql<number>`(${sql.lit(now)} - ${last}) * 1.0 / ${cadence}`;
  const ratio = sql<number>`case when c.last_touch_at is null and ${elapsed} < 1 then 1 else ${elapsed} end`;
  const base = db
    .selectFrom('contacts as c')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('contact_tags as ct')
          .innerJoin('tag_cadences as tc', 'tc.tag', 'ct.tag')
          .select(['ct.contact_id', (e) => e.fn.min('tc.days').as('days')])
          .groupBy('ct.contact_id')
          .as('t'),
      (join) => join.onRef('t.contact_id', '=', 'c.id'),
    )
    .where('c.owner_id', '=', viewer.id)
    .where((eb) => eb.or([eb('c.snoozed_until', 'is', null), eb('c.snoozed_until', '<=', now)]))
    // Never touched counts as due (see rankToday). bigint arithmetic: days times milliseconds
    // overflows PostgreSQL's integer.
    .where(
      sql<boolean>`(c.last_touch_at is null or c.last_touch_at + cast(${cadence} as bigint) * ${sql.lit(DAY_MS)} <= ${sql.lit(now)})`,
    );
  const [due, count, birthdays, steps] = await Promise.all([
    base
      .select('c.id')
      .orderBy(sql`${ratio}`, 'desc')
      .orderBy('c.id')
      .limit(take)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    // Each term is a whole key of contacts_owner_birthday, so both dialects look the nine days
    // up in that index instead of reading every contact of the seller.
    db
      .selectFrom('contacts')
      .select('id')
      .where((eb) =>
        eb.or(
          birthdayDays(now).map((d) =>
            eb.and([
              eb('owner_id', '=', viewer.id),
              eb('birthday_month', '=', d.month),
              eb('birthday_day', '=', d.day),
            ]),
          ),
        ),
      )
      .execute(),
    // From the few open next steps (touchpoints_open_step_due) to their contacts. A cross join
    // keeps that order on SQLite, whose planner (without statistics) would otherwise read every
    // touchpoint of every contact of the seller; PostgreSQL plans it like an inner join.
    db
      .selectFrom('touchpoints')
      .crossJoin('contacts')
      .select('contacts.id')
      .whereRef('contacts.id', '=', 'touchpoints.contact_id')
      .where('contacts.owner_id', '=', viewer.id)
      .where('touchpoints.next_step_due_at', '<=', endOfToday)
      .where('touchpoints.next_step_done_at', 'is', null)
      .execute(),
  ]);
  const stepIds = [...new Set(steps.map((r) => r.id))];
  const ids = new Set<ContactId>([
    ...due.map((r) => r.id),
    ...birthdays.map((r) => r.id),
    ...stepIds,
  ]);
  return { ids: [...ids], stepIds, dueCount: Number(count?.n ?? 0) };
}

/** The tags of the given contacts, by contact. */
async function loadTags(db: Db, ids: ContactId[]): Promise<Map<ContactId, string[]>> {
  const tags = new Map<ContactId, string[]>();
  if (ids.length === 0) return tags;
  const rows = await db
    .selectFrom('contact_tags')
    .select(['contact_id', 'tag'])
    .where('contact_id', 'in', ids)
    .execute();
  for (const r of rows) tags.set(r.contact_id, [...(tags.get(r.contact_id) ?? []), r.tag]);
  return tags;
}

/** Builds the viewer's Today list at `clock.now()`, capped at `cap`. */
export async function buildToday(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  cap = TODAY_CAP,
): Promise<TodayView> {
  const now = clock.now();
  const sellerZone = DEFAULT_TIME_ZONE;
  const wall = wallClock(now, sellerZone);
  const endOfToday = zonedTimeToEpoch(addDays(wall, 1), 0, sellerZone) - 1;
  const [{ ids, stepIds, dueCount }, tagCadences] = await Promise.all([
    // Anyone outside the `cap` most overdue who has a reason is in the other sets, so this many
    // overdue ones are enough for the ranking to be exact.
    findCandidateIds(db, viewer, now, endOfToday, cap * 4),
    loadTagCadences(db),
  ]);
  // Ranking needs only the rows, tags and next steps of the candidates (thousands, with a big
  // address book); e-mails, phones and companies are loaded for the entries shown.
  const rows = await findContactsByIds(db, ids);
  const [tags, nextSteps] = await Promise.all([
    loadTags(db, ids),
    // Only someone with a step due by the end of today gets a next-step reason.
    openNextSteps(db, stepIds),
  ]);
  const candidates: TodayCandidate[] = rows.map((row) => ({
    contactId: row.id,
    lastTouchAt: row.last_touch_at,
    createdAt: row.created_at,
    cadenceDays: effectiveCadence(row.cadence_days, tags.get(row.id) ?? [], tagCadences),
    birthday:
      row.birthday_month !== null && row.birthday_day !== null
        ? { month: row.birthday_month, day: row.birthday_day, year: row.birthday_year }
        : null,
    timeZone: row.time_zone,
    nextStepDueAt: nextSteps.get(row.id)?.dueAt ?? null,
    nextStep: nextSteps.get(row.id)?.step ?? null,
    meetingToday: null,
    snoozedUntil: row.snoozed_until,
    extraReasons: [],
  }));
  // Ranked uncapped (there are few candidates) to count who qualifies without being due.
  const ranked = rankToday({ now, candidates, cap: Infinity, timeZone: sellerZone });
  const shown = ranked.entries.slice(0, cap);
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  const records = await loadContactRecords(
    db,
    shown.flatMap((entry) => rowsById.get(entry.contactId) ?? []),
  );
  const byId = new Map(records.map((r) => [r.row.id, r]));
  return {
    cap,
    total: dueCount + ranked.entries.filter((e) => e.ratio < 1).length,
    entries: shown.flatMap((entry) => {
      const record = byId.get(entry.contactId);
      if (!record) return [];
      const contact = presentContact(record, viewer);
      const moment = localMoment(now, contact.timeZone);
      const reach = reachStatus(contact.bestReach, contact.timeZone, now);
      return [
        {
          contact,
          reasons: entry.reasons.map((r) => ({ kind: r.kind, detail: r.detail ?? {} })),
          daysSinceTouch: entry.daysSinceTouch,
          ratio: entry.ratio,
          localTime: moment.time,
          timeZone: moment.zone,
          inReachWindow: reach.inWindow,
          nextReachAt: reach.inWindow ? null : reach.nextStart,
        },
      ];
    }),
  };
}
