// Table type of the touchpoint log: every interaction with a contact or company, append-only.
import type { Insertable, Selectable } from 'kysely';
import type { TouchpointKind } from '../../shared/contacts.js';
import type { CompanyId, ContactId, MeetingId, TouchpointId, UserId } from '../../shared/ids.js';

/** One logged interaction. Rows are only ever added (a done next step is the one update). */
export interface TouchpointsTable {
  id: TouchpointId;
  contact_id: ContactId | null;
  company_id: CompanyId | null;
  author_id: UserId;
  kind: TouchpointKind;
  occurred_at: number;
  duration_ms: number | null;
  summary: string;
  next_step: string | null;
  next_step_due_at: number | null;
  next_step_done_at: number | null;
  /** The lounge meeting this touchpoint records, if any. */
  meeting_id: MeetingId | null;
  created_at: number;
}

/** A touchpoint row as read. */
export type TouchpointRow = Selectable<TouchpointsTable>;
/** A touchpoint row to insert. */
export type NewTouchpoint = Insertable<TouchpointsTable>;
