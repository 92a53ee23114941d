// The Today list from the database: a few SQL queries find everyone who could be on it (due by
// cadence, a birthday this week, a next step due, an open machine alarm), `rankToday` orders them,
// and the entries come back with the person's local time and whether now is a good moment to
// reach them.
import { sql } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { TodayView } from '../../shared/api/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import { findOpenMachineAlarms, machineAlarmReasons } from '../alarms/alarm.reasons.js';
import { findBookedToday, findSellerZone } from '../booking/booking.reasons.js';
import { presentContact } from '../contacts/contact.presenters.js';
import { findContactsByIds, loadContactRecords } from '../contacts/contact.repository.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { ContactRow } from '../contacts/contact.table.js';
import type { Database, Db } from '../db/database.js';
import { idIn, isSqlite } from '../db/id-list.js';
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
>;

/**
 * The `take` most overdue of the viewer's due contacts, and how many are due in all (not
 * snoozed; the never-touched always are). Among contacts of one cadence the overdue ratio falls
 * as `due_at` grows (also for the never-touched, whose ratio is at least 1), so each cadence's
 * most overdue come from a partial index in `due_at` order, and the ratio merges them.
 */
async function dueContacts(db: Db, viewer: Viewer, now: number, take: number) {
  const awake = (eb: ExpressionBuilder<Database, 'contacts'>) =>
    eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', now)]);
  const inGroup = (cadence: number, touched: boolean) =>
    db
      .selectFrom('contacts')
      .where('owner_id', '=', viewer.id)
      .where('cadence_effective', '=', cadence)
      .where('last_touch_at', touched ? 'is not' : 'is', null)
      .where(awake);
  const top = (cadence: number, touched: boolean): Promise<RankingRow[]> =>
    inGroup(cadence, touched)
      .select(RANKING_COLUMNS)
      .$if(touched, (q) => q.where('due_at', '<=', now))
      .orderBy('due_at')
      .limit(take)
      .execute();
  // The never-touched whose cadence has not run out yet are due too, but not in the time range.
  const untouchedLater = async (cadence: number) => {
    const row = await inGroup(cadence, false)
      .where('due_at', '>', now)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  const [touched, untouched] = await Promise.all([
    sellerCadences(db, viewer, true),
    sellerCadences(db, viewer, false),
  ]);
  const [groups, later, byTime] = await Promise.all([
    Promise.all([
      ...touched.map((cadence) => top(cadence, true)),
      ...untouched.map((cadence) => top(cadence, false)),
    ]),
    Promise.all(untouched.map(untouchedLater)),
    db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', viewer.id)
      .where('due_at', '<=', now)
      .where(awake)
      .executeTakeFirst(),
  ]);
  const ratio = (r: RankingRow) => {
    const elapsed = 1 + (now - r.due_at) / (Math.max(1, r.cadence_effective) * DAY_MS);
    return r.last_touch_at === null ? Math.max(1, elapsed) : elapsed;
  };
  const rows = groups
    .flat()
    .map((row) => ({ row, ratio: ratio(row) }))
    .sort((a, b) => b.ratio - a.ratio || (a.row.id < b.row.id ? -1 : 1))
    .slice(0, take)
    .map((r) => r.row);
  const dueCount = Number(byTime?.n ?? 0) + later.reduce((a, b) => a + b, 0);
  return { rows, dueCount };
}

/**
 * The viewer's contacts with an open next step due by `endOfToday` (ranking columns) and when
 * each one's earliest open step is due, from the partial index touchpoints_open_step_due alone
 * (the steps' text is loaded for the entries shown). SQLite, which has no statistics, keeps the
 * order of a cross join (written as an inner join it would walk all of the seller's contacts);
 * PostgreSQL would hash every contact for any join (it expects 100 times more open steps than
 * there are: it cannot see that open steps are recent ones), so it gets the steps first and then
 * their contacts by primary key. A contact's earliest open step is due by `endOfToday` whenever
 * any of them is.
 */
async function contactsWithStepsDue(
  db: Db,
  viewer: Viewer,
  endOfToday: number,
): Promise<{ rows: RankingRow[]; stepDue: Map<ContactId, number> }> {
  const open = db
    .selectFrom('touchpoints')
    .where('touchpoints.next_step_due_at', '<=', endOfToday)
    .where('touchpoints.next_step_done_at', 'is', null);
  const stepDue = new Map<ContactId, number>();
  const keepEarliest = (contactId: ContactId | null, dueAt: number | null) => {
    if (contactId === null || dueAt === null) return;
    const known = stepDue.get(contactId);
    if (known === undefined || dueAt < known) stepDue.set(contactId, dueAt);
  };
  if (isSqlite(db)) {
    const joined = await open
      .crossJoin('contacts')
      .select([...RANKING_COLUMNS, 'touchpoints.next_step_due_at'])
      .whereRef('contacts.id', '=', 'touchpoints.contact_id')
      .where('contacts.owner_id', '=', viewer.id)
      .execute();
    const rows = new Map<ContactId, RankingRow>();
    for (const r of joined) {
      keepEarliest(r.id, r.next_step_due_at);
      rows.set(r.id, r);
    }
    return { rows: [...rows.values()], stepDue };
  }
  const openSteps = await open
    .select(['touchpoints.contact_id', 'touchpoints.next_step_due_at'])
    .execute();
  for (const r of openSteps) keepEarliest(r.contact_id, r.next_step_due_at);
  const rows = await db
    .selectFrom('contacts')
    .select(RANKING_COLUMNS)
    .where(idIn(db, 'id', [...stepDue.keys()]))
    .where('owner_id', '=', viewer.id)
    .execute();
  // Steps of other sellers' contacts were read too; only the viewer's count.
  const mine = new Map<ContactId, number>();
  for (const row of rows) mine.set(row.id, stepDue.get(row.id)!);
  return { rows, stepDue: mine };
}

/**
 * Everyone who may qualify, with their ranking columns: the most overdue, everyone with a
 * birthday about now, and everyone with a next step due by the end of today (with that step).
 * The ranking decides among them; `dueCount` is how many are due in all.
 */
async function findCandidates(
  db: Db,
  viewer: Viewer,
  now: number,
  endOfToday: number,
  take: number,
): Promise<{
  rows: Map<ContactId, RankingRow>;
  stepDue: Map<ContactId, number>;
  dueCount: number;
}> {
  const [due, birthdays, withSteps] = await Promise.all([
    dueContacts(db, viewer, now, take),
    // Each term is a whole key of contacts_owner_birthday, so both dialects look the nine days
    // up in that index instead of reading every contact of the seller.
    db
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
      .execute(),
    contactsWithStepsDue(db, viewer, endOfToday),
  ]);
  const rows = new Map<ContactId, RankingRow>();
  for (const row of [...due.rows, ...birthdays, ...withSteps.rows]) rows.set(row.id, row);
  return { rows, stepDue: withSteps.stepDue, dueCount: due.dueCount };
}

/** The ranking columns of the given contacts. */
async function findRankingRows(db: Db, ids: ContactId[]): Promise<RankingRow[]> {
  const rows: RankingRow[] = [];
  // Bound values per statement stay far below SQLite's limit.
  for (let i = 0; i < ids.length; i += 5_000) {
    rows.push(
      ...(await db
        .selectFrom('contacts')
        .select(RANKING_COLUMNS)
        .where(idIn(db, 'id', ids.slice(i, i + 5_000)))
        .execute()),
    );
  }
  return rows;
}

/** Builds the viewer's Today list at `clock.now()`, capped at `cap`. */
export async function buildToday(
  db: Db,
  clock: Clock,
  viewer: Viewer,
  cap = TODAY_CAP,
): Promise<TodayView> {
  const now = clock.now();
  // The seller's day: in the zone of their booking hours, else the default.
  const sellerZone = resolveTimeZone(await findSellerZone(db, viewer.id)).zone;
  const wall = wallClock(now, sellerZone);
  const startOfToday = zonedTimeToEpoch(wall, 0, sellerZone);
  const endOfToday = zonedTimeToEpoch(addDays(wall, 1), 0, sellerZone) - 1;
  // Anyone outside the `cap` most overdue who has a reason is in the other sets, so this many
  // overdue ones are enough for the ranking to be exact.
  const [{ rows, stepDue, dueCount }, alarms, booked] = await Promise.all([
    findCandidates(db, viewer, now, endOfToday, cap * 4),
    // A customer whose machine has an open alarm is a candidate, due or not.
    findOpenMachineAlarms(db, viewer),
    // So is a guest who booked the seller for today.
    findBookedToday(db, viewer.id, startOfToday, endOfToday),
  ]);
  const bookedBy = new Map(booked.map((b) => [b.contactId, b]));
  const missing = [...new Set([...alarms.map((a) => a.contactId), ...bookedBy.keys()])].filter(
    (id) => !rows.has(id),
  );
  for (const row of await findRankingRows(db, missing)) rows.set(row.id, row);
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
    // Only someone with a step due by the end of today gets a next-step reason.
    nextStepDueAt: stepDue.get(row.id) ?? null,
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
    findContactsByIds(
      db,
      shown.map((entry) => entry.contactId),
    ).then((rows) => loadContactRecords(db, rows)),
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
