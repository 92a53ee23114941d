// The Today list from the database: a few SQL queries find everyone who could be on it (due by
// cadence, a birthday this week, a next step due, an open machine alarm), `rankToday` orders them,
// and the entries come back with the person's local time and whether now is a good moment to
// reach them.
import { sql } from 'kysely';
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { TodayView } from '../../shared/api/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import { findOpenMachineAlarms, machineAlarmReasons } from '../alarms/alarm.reasons.js';
import { findBookedToday, findSellerZone } from '../booking/booking.reasons.js';
import { presentContact } from '../contacts/contact.presenters.js';
import { findContactRecordsByIds } from '../contacts/contact.repository.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { ContactRow } from '../contacts/contact.table.js';
import type { Database, Db } from '../db/database.js';
import { idIn, idSlices } from '../db/id-list.js';
import { openNextSteps } from '../touchpoints/touchpoint.repository.js';
import type { Clock } from '../lib/clock.js';
import { rankToday, TODAY_CAP } from './rank.js';
import { localMoment, reachStatus } from './reach.js';
import { REASON_KIND } from './reasons.js';
import type { Reason, TodayCandidate } from './reasons.js';
import { addDays, resolveTimeZone, wallClock, zonedTimeToEpoch } from './time-zone.js';

const DAY_MS = 86_400_000;

/** (month, day) pairs from yesterday to a week ahead: every zone's "this week" of birthdays. */
function birthdayDays(now: number): { month: number; day: number }[] {
  const today = wallClock(now, 'UTC');
  return Array.from({ length: 9 }, (_, i) => addDays(today, i - 1)).map((d) => ({
    month: d.month,
    day: d.day,
  }));
}

/**
 * The distinct effective cadences among a seller's touched (or never-touched) contacts, by a
 * skip-scan of that partial index: one index lookup per cadence, however many contacts there are.
 */
async function sellerCadences(db: Db, viewer: Viewer, touched: boolean): Promise<number[]> {
  const state = touched ? sql`is not null` : sql`is null`;
  const rows = await sql<{ cadence: number | null }>`
    with recursive cadences(cadence) as (
      select min(cadence_effective) from contacts
      where owner_id = ${viewer.id} and last_touch_at ${state}
      union all
      select (select min(cadence_effective) from contacts
              where owner_id = ${viewer.id} and last_touch_at ${state}
                and cadence_effective > cadences.cadence)
      from cadences where cadences.cadence is not null
    )
    select cadence from cadences where cadence is not null`.execute(db);
  return rows.rows.flatMap((r) => (r.cadence === null ? [] : [Number(r.cadence)]));
}

/** The columns ranking reads (whole rows would be mostly text), from every candidate query. */
const RANKING_COLUMNS = [
  'contacts.id',
  'contacts.last_touch_at',
  'contacts.created_at',
  'contacts.cadence_effective',
  'contacts.due_at',
  'contacts.birthday_month',
  'contacts.birthday_day',
  'contacts.birthday_year',
  'contacts.time_zone',
  'contacts.snoozed_until',
  'contacts.next_step_due_at',
] as const;

/** A candidate's ranking columns. */
type RankingRow = Pick<
  ContactRow,
  | 'id'
  | 'last_touch_at'
  | 'created_at'
  | 'cadence_effective'
  | 'due_at'
  | 'birthday_month'
  | 'birthday_day'
  | 'birthday_year'
  | 'time_zone'
  | 'snoozed_until'
  | 'next_step_due_at'
>;

/** Runs queries of one shape as one statement (UNION ALL): one round trip, however many. */
function unionAll<DB, TB extends keyof DB, O>(
  queries: SelectQueryBuilder<DB, TB, O>[],
): Promise<O[]> {
  const [first, ...rest] = queries;
  if (!first) return Promise.resolve([]);
  return rest.reduce((all, query) => all.unionAll(query), first).execute();
}

/** Not snoozed at `now`. */
const awake = (now: number) => (eb: ExpressionBuilder<Database, 'contacts'>) =>
  eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', now)]);

/**
 * The `take` most overdue of the viewer's due contacts (not snoozed; the never-touched always
 * are), and how many never-touched ones are due before their cadence ran out. Among contacts of
 * one cadence the overdue ratio falls as `due_at` grows (also for the never-touched, whose ratio
 * is at least 1), so each cadence's most overdue come from a partial index in `due_at` order,
 * and the ratio merges them.
 */
async function dueContacts(db: Db, viewer: Viewer, now: number, take: number) {
  const inGroup = (cadence: number, touched: boolean) =>
    db
      .selectFrom('contacts')
      .where('owner_id', '=', viewer.id)
      .where('cadence_effective', '=', cadence)
      .where('last_touch_at', touched ? 'is not' : 'is', null)
      .where(awake(now));
  const top = (cadence: number, touched: boolean) =>
    db.selectFrom(
      inGroup(cadence, touched)
        .select(RANKING_COLUMNS)
        .$if(touched, (q) => q.where('due_at', '<=', now))
        .orderBy('due_at')
        .limit(take)
        .as('top'),
    );
  // The never-touched whose cadence has not run out yet are due too, but not in the time range.
  const untouchedLater = (cadence: number) =>
    inGroup(cadence, false)
      .where('due_at', '>', now)
      .select((eb) => eb.fn.countAll<number>().as('n'));
  const [touched, untouched] = await Promise.all([
    sellerCadences(db, viewer, true),
    sellerCadences(db, viewer, false),
  ]);
  const [groups, later] = await Promise.all([
    unionAll([
      ...touched.map((cadence) => top(cadence, true).selectAll()),
      ...untouched.map((cadence) => top(cadence, false).selectAll()),
    ]),
    unionAll(untouched.map(untouchedLater)),
  ]);
  const ratio = (r: RankingRow) => {
    const elapsed = 1 + (now - r.due_at) / (Math.max(1, r.cadence_effective) * DAY_MS);
    return r.last_touch_at === null ? Math.max(1, elapsed) : elapsed;
  };
  const rows = groups
    .map((row) => ({ row, ratio: ratio(row) }))
    .sort((a, b) => b.ratio - a.ratio || (a.row.id < b.row.id ? -1 : 1))
    .slice(0, take)
    .map((r) => r.row);
  return { rows, untouchedNotYetDue: later.reduce((sum, r) => sum + Number(r.n), 0) };
}

/**
 * How many of the viewer's contacts are due by time and not snoozed. It reads every due entry
 * of contacts_owner_due, the longest query of the list, so it runs beside all the others.
 */
async function countDueByTime(db: Db, viewer: Viewer, now: number): Promise<number> {
  const row = await db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', '=', viewer.id)
    .where('due_at', '<=', now)
    .where(awake(now))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The overdue ratio as `rankToday` works it out (rank.ts): days since the last touch (or, never
 * touched, since creation, and then at least 1) over the cadence, which is at least one day.
 */
function ratioSql(now: number) {
  const elapsed = sql`cast(${sql.lit(now)} - coalesce(last_touch_at, created_at) as double precision)`;
  const cadenceMs = sql`(case when cadence_effective > 1 then cadence_effective else 1 end) * ${sql.lit(DAY_MS)}`;
  const ratio = sql`(case when ${elapsed} > 0 then ${elapsed} else 0 end) / ${cadenceMs}`;
  return sql<number>`case when last_touch_at is null and ${ratio} < 1 then 1 else ${ratio} end`;
}

/**
 * The viewer's contacts with an open next step due by `endOfToday`: the `take` with the highest
 * overdue ratio (with ranking columns), and how many of them are not due. Their step gives them
 * all the same weight, so among those without another reason (the other candidate queries find
 * everyone with one) the ratio alone orders them. Both come from the covering partial index
 * contacts_owner_step_due, however many steps are open.
 */
async function contactsWithStepsDue(
  db: Db,
  viewer: Viewer,
  now: number,
  endOfToday: number,
  take: number,
): Promise<{ rows: RankingRow[]; notDue: number }> {
  const withStep = db
    .selectFrom('contacts')
    .where('owner_id', '=', viewer.id)
    .where('next_step_due_at', '<=', endOfToday)
    .where(awake(now));
  const top = withStep.select('id').orderBy(ratioSql(now), 'desc').orderBy('id').limit(take);
  const [rows, notDue] = await Promise.all([
    db.selectFrom('contacts').select(RANKING_COLUMNS).where('id', 'in', top).execute(),
    withStep
      .where('last_touch_at', 'is not', null)
      .where('due_at', '>', now)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, notDue: Number(notDue?.n ?? 0) };
}

/** Everyone with a birthday about now, with their ranking columns. */
function birthdayCandidates(db: Db, viewer: Viewer, now: number): Promise<RankingRow[]> {
  // Each term is a whole key of contacts_owner_birthday, so both dialects look the nine days
  // up in that index instead of reading every contact of the seller.
  return db
    .selectFrom('contacts')
    .select(RANKING_COLUMNS)
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
    .execute();
}

/** The seller's day at `now`: in the zone of their booking hours, else the default. */
async function sellerDay(db: Db, viewer: Viewer, now: number) {
  const zone = resolveTimeZone(await findSellerZone(db, viewer.id)).zone;
  const wall = wallClock(now, zone);
  return {
    zone,
    start: zonedTimeToEpoch(wall, 0, zone),
    end: zonedTimeToEpoch(addDays(wall, 1), 0, zone) - 1,
  };
}

/** The ranking columns of the given contacts. */
async function findRankingRows(db: Db, ids: ContactId[]): Promise<RankingRow[]> {
  const rows: RankingRow[] = [];
  for (const slice of idSlices(ids)) {
    rows.push(
      ...(await db
        .selectFrom('contacts')
        .select(RANKING_COLUMNS)
        .where(idIn(db, 'id', slice))
        .execute()),
    );
  }
  return rows;
}

/**
 * The viewer's Today entries at `now`, capped at `cap`, and how many qualify besides those due
 * by time (countDueByTime): the never-touched due early, and the not-due ones with a reason.
 */
async function listToday(
  db: Db,
  viewer: Viewer,
  now: number,
  cap: number,
): Promise<{ entries: TodayView['entries']; qualifyingOtherwise: number }> {
  // Anyone outside the `cap` most overdue who has a reason is in the other sets, so this many
  // overdue ones are enough for the ranking to be exact.
  const take = cap * 4;
  // Who may qualify: the most overdue, everyone with a birthday about now, a customer whose
  // machine has an open alarm, and (once the seller's day is known) everyone with a next step
  // due by its end and every guest who booked the seller for today.
  const dayBound = async () => {
    const day = await sellerDay(db, viewer, now);
    const [withSteps, booked] = await Promise.all([
      contactsWithStepsDue(db, viewer, now, day.end, take),
      findBookedToday(db, viewer.id, day.start, day.end),
    ]);
    return { day, withSteps, booked };
  };
  const [{ day, withSteps, booked }, due, birthdays, alarms] = await Promise.all([
    dayBound(),
    dueContacts(db, viewer, now, take),
    birthdayCandidates(db, viewer, now),
    findOpenMachineAlarms(db, viewer),
  ]);
  const { zone: sellerZone, end: endOfToday } = day;
  const rows = new Map<ContactId, RankingRow>();
  for (const row of [...due.rows, ...birthdays, ...withSteps.rows]) rows.set(row.id, row);
  const bookedBy = new Map(booked.map((b) => [b.contactId, b]));
  const missing = [...new Set([...alarms.map((a) => a.contactId), ...bookedBy.keys()])].filter(
    (id) => !rows.has(id),
  );
  for (const row of await findRankingRows(db, missing)) rows.set(row.id, row);
  // Only someone with a step due by the end of today gets a next-step reason.
  const stepDueBy = (row: RankingRow) =>
    row.next_step_due_at !== null && row.next_step_due_at <= endOfToday
      ? row.next_step_due_at
      : null;
  const candidates: TodayCandidate[] = [...rows.values()].map((row) => ({
    contactId: row.id,
    lastTouchAt: row.last_touch_at,
    createdAt: row.created_at,
    cadenceDays: row.cadence_effective,
    birthday:
      row.birthday_month !== null && row.birthday_day !== null
        ? { month: row.birthday_month, day: row.birthday_day, year: row.birthday_year }
        : null,
    timeZone: row.time_zone,
    nextStepDueAt: stepDueBy(row),
    meetingToday: bookedBy.get(row.id)?.startsAt ?? null,
    meetingType: bookedBy.get(row.id)?.meetingType ?? null,
    snoozedUntil: row.snoozed_until,
    extraReasons: [],
  }));
  // Ranked uncapped (there are few candidates) to count who qualifies without being due.
  const ranked = rankToday({
    now,
    candidates,
    cap: Infinity,
    timeZone: sellerZone,
    providers: [machineAlarmReasons(alarms)],
  });
  const shown = ranked.entries.slice(0, cap);
  const stepShown = shown
    .filter((entry) => entry.reasons.some((r) => r.kind === REASON_KIND.nextStepDue))
    .map((entry) => entry.contactId);
  const [records, stepTexts] = await Promise.all([
    findContactRecordsByIds(
      db,
      shown.map((entry) => entry.contactId),
    ),
    // What the promised step is, for the few shown with one (ranking needed only when).
    openNextSteps(db, stepShown),
  ]);
  const byId = new Map(records.map((r) => [r.row.id, r]));
  const detailOf = (contactId: ContactId, reason: Reason) => {
    const step = stepTexts.get(contactId)?.step;
    return reason.kind === REASON_KIND.nextStepDue && step
      ? { ...reason.detail, nextStep: step }
      : (reason.detail ?? {});
  };
  return {
    // Qualifying besides those due by time: the never-touched due before their cadence ran out,
    // those with a step due and not due otherwise (counted in SQL, shown or not), and the
    // others ranked here that are not due (a birthday, an alarm, a meeting today).
    qualifyingOtherwise:
      due.untouchedNotYetDue +
      withSteps.notDue +
      ranked.entries.filter((e) => e.ratio < 1 && stepDueBy(rows.get(e.contactId)!) === null)
        .length,
    entries: shown.flatMap((entry) => {
      const record = byId.get(entry.contactId);
      if (!record) return [];
      const contact = presentContact(record, viewer);
      const moment = localMoment(now, contact.timeZone);
      const reach = reachStatus(contact.bestReach, contact.timeZone, now);
      return [
        {
          contact,
          reasons: entry.reasons.map((r) => ({
            kind: r.kind,
            detail: detailOf(entry.contactId, r),
          })),
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

/** Builds the viewer's Today list at `clock.now()`, capped at `cap`. */
export async function buildToday(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  cap = TODAY_CAP,
): Promise<TodayView> {
  const now = clock.now();
  const [list, dueByTime] = await Promise.all([
    listToday(db, viewer, now, cap),
    countDueByTime(db, viewer, now),
  ]);
  return { cap, total: dueByTime + list.qualifyingOtherwise, entries: list.entries };
}
