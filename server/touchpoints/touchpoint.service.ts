// Rules about touchpoints: they are appended, never rewritten; a contact's last touch follows the
// log (newer wins) and can be recomputed from it at any time.
import type { TouchpointKind } from '../../shared/contacts.js';
import type { CompanyId, ContactId, MeetingId, TouchpointId } from '../../shared/ids.js';
import { getContact } from '../contacts/contact.service.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { dueAtSql } from '../contacts/cadence.js';
import type { Db } from '../db/database.js';
import { NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { insertTouchpoints, newestTouchAt, refreshNextStepDue } from './touchpoint.repository.js';
import type { TouchpointRow } from './touchpoint.table.js';

/** Props of logTouchpoint. */
export interface LogTouchpointProps {
  viewer: Viewer;
  contactId: ContactId;
  kind: TouchpointKind;
  /** When it happened; now when absent. */
  occurredAt?: number | undefined;
  durationMs?: number | null | undefined;
  summary: string;
  nextStep?: string | null | undefined;
  nextStepDueAt?: number | null | undefined;
  meetingId?: MeetingId | null | undefined;
}

/** Appends a touchpoint for a contact the viewer may see and moves its last touch forward. */
export async function logTouchpoint(
  db: Db,
  clock: Clock,
  props: LogTouchpointProps,
): Promise<TouchpointRow> {
  const contact = await getContact(db, props.viewer, props.contactId);
  const now = clock.now();
  const row: TouchpointRow = {
    id: newId<TouchpointId>(),
    contact_id: props.contactId,
    company_id: contact.row.company_id,
    author_id: props.viewer.id,
    kind: props.kind,
    occurred_at: props.occurredAt ?? now,
    duration_ms: props.durationMs ?? null,
    summary: props.summary,
    next_step: props.nextStep ?? null,
    next_step_due_at: props.nextStepDueAt ?? null,
    next_step_done_at: null,
    meeting_id: props.meetingId ?? null,
    created_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await insertTouchpoints(trx, [row]);
    await touchContact(trx, props.contactId, row.occurred_at);
    if (row.next_step_due_at !== null) await refreshNextStepDue(trx, [props.contactId]);
  });
  return row;
}

/** Moves a contact's last touch to `at` unless it already is newer (newer wins). */
export async function touchContact(db: Db, contactId: ContactId, at: number): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ last_touch_at: at, due_at: dueAtSql(at) })
    .where('id', '=', contactId)
    .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', at)]))
    .execute();
}

/** Recomputes a contact's last touch from its log; returns it. */
export async function recomputeLastTouch(db: Db, contactId: ContactId): Promise<number | null> {
  const newest = await newestTouchAt(db, contactId);
  await db
    .updateTable('contacts')
    .set({ last_touch_at: newest, due_at: dueAtSql(newest) })
    .where('id', '=', contactId)
    .execute();
  return newest;
}

/**
 * Writes the touchpoints of an ended meeting: one `meeting` touchpoint per contact who came
 * through a personal link, with the time they spent in it (several visits add up), authored by
 * the room's host. Safe to run twice: a meeting gives each contact one touchpoint.
 */
export async function recordMeetingTouchpoints(
  db: Db,
  clock: Clock,
  meetingId: MeetingId,
): Promise<void> {
  const meeting = await db
    .selectFrom('meetings')
    .select(['host_user_id', 'ended_at'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting) return;
  const visits = await db
    .selectFrom('meeting_participants')
    .innerJoin('contacts', 'contacts.id', 'meeting_participants.contact_id')
    .select([
      'meeting_participants.contact_id as contactId',
      'meeting_participants.joined_at as joinedAt',
      'meeting_participants.left_at as leftAt',
      'contacts.company_id as companyId',
    ])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .execute();
  const byContact = new Map<
    ContactId,
    { from: number; durationMs: number; companyId: CompanyId | null }
  >();
  for (const v of visits) {
    if (!v.contactId) continue;
    const left = v.leftAt ?? meeting.ended_at ?? v.joinedAt;
    const entry = byContact.get(v.contactId) ?? {
      from: v.joinedAt,
      durationMs: 0,
      companyId: v.companyId,
    };
    entry.from = Math.min(entry.from, v.joinedAt);
    entry.durationMs += Math.max(0, left - v.joinedAt);
    byContact.set(v.contactId, entry);
  }
  const now = clock.now();
  for (const [contactId, entry] of byContact) {
    await db.transaction().execute(async (trx) => {
      // A booked meeting already has its planned touchpoint: the meeting fills that one in.
      const planned = await findPlannedMeeting(trx, contactId, entry.from);
      if (planned) {
        await trx
          .updateTable('touchpoints')
          .set({ meeting_id: meetingId, occurred_at: entry.from, duration_ms: entry.durationMs })
          .where('id', '=', planned)
          .execute();
        await touchContact(trx, contactId, entry.from);
        return;
      }
      const inserted = await trx
        .insertInto('touchpoints')
        .values({
          id: newId<TouchpointId>(),
          contact_id: contactId,
          company_id: entry.companyId,
          author_id: meeting.host_user_id,
          kind: 'meeting',
          occurred_at: entry.from,
          duration_ms: entry.durationMs,
          summary: '',
          next_step: null,
          next_step_due_at: null,
          next_step_done_at: null,
          meeting_id: meetingId,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['meeting_id', 'contact_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
        await touchContact(trx, contactId, entry.from);
      }
    });
  }
}

// A booking's planned touchpoint counts for a meeting that starts this close to the booked time.
const PLANNED_MEETING_WINDOW_MS = 12 * 3_600_000;

/**
 * The planned touchpoint of the contact's confirmed booking nearest to `at` (within 12 hours)
 * that no meeting has filled in yet, if there is one.
 */
async function findPlannedMeeting(
  db: Db,
  contactId: ContactId,
  at: number,
): Promise<TouchpointId | undefined> {
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('touchpoints', 'touchpoints.id', 'bookings.touchpoint_id')
    .select(['touchpoints.id', 'bookings.starts_at'])
    .where('bookings.contact_id', '=', contactId)
    .where('bookings.status', '=', 'confirmed')
    .where('touchpoints.meeting_id', 'is', null)
    .where('bookings.starts_at', '>=', at - PLANNED_MEETING_WINDOW_MS)
    .where('bookings.starts_at', '<=', at + PLANNED_MEETING_WINDOW_MS)
    .execute();
  rows.sort((a, b) => Math.abs(a.starts_at - at) - Math.abs(b.starts_at - at));
  return rows[0]?.id;
}

/**
 * Marks the next step of a touchpoint done (the one change a logged touchpoint allows), for a
 * contact the viewer may see; NotFound for anything else. Returns the touchpoint as it is now.
 */
export async function completeNextStep(
  db: Db,
  clock: Clock,
  props: { viewer: Viewer; touchpointId: TouchpointId },
): Promise<TouchpointRow> {
  const row = await db
    .selectFrom('touchpoints')
    .selectAll()
    .where('id', '=', props.touchpointId)
    .executeTakeFirst();
  if (!row?.contact_id || row.next_step === null) {
    throw new NotFound('No such next step', 'next_step_not_found');
  }
  await getContact(db, props.viewer, row.contact_id);
  if (row.next_step_done_at !== null) return row;
  const doneAt = clock.now();
  const contactId = row.contact_id;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('touchpoints')
      .set({ next_step_done_at: doneAt })
      .where('id', '=', row.id)
      .execute();
    await refreshNextStepDue(trx, [contactId]);
  });
  return { ...row, next_step_done_at: doneAt };
}
