// Rules about touchpoints: they are appended, never rewritten; a contact's last touch follows the
// log (newer wins) and can be recomputed from it at any time.
import type { TouchpointKind } from '../../shared/contacts.js';
import type { ContactId, MeetingId, TouchpointId } from '../../shared/ids.js';
import { getContact } from '../contacts/contact.service.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { insertTouchpoints, newestTouchAt } from './touchpoint.repository.js';
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
  });
  return row;
}

/** Moves a contact's last touch to `at` unless it already is newer (newer wins). */
export async function touchContact(db: Db, contactId: ContactId, at: number): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ last_touch_at: at })
    .where('id', '=', contactId)
    .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', at)]))
    .execute();
}

/** Recomputes a contact's last touch from its log; returns it. */
export async function recomputeLastTouch(db: Db, contactId: ContactId): Promise<number | null> {
  const newest = await newestTouchAt(db, contactId);
  await db
    .updateTable('contacts')
    .set({ last_touch_at: newest })
    .where('id', '=', contactId)
    .execute();
  return newest;
}
