// What the touchpoints feature sends to clients.
import type { TouchpointView } from '../../shared/api/contacts.js';
import type { TouchpointRow } from './touchpoint.table.js';

/** Presents one touchpoint of a timeline. */
export function presentTouchpoint(row: TouchpointRow): TouchpointView {
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    durationMs: row.duration_ms,
    summary: row.summary,
    nextStep: row.next_step,
    nextStepDueAt: row.next_step_due_at,
    nextStepDoneAt: row.next_step_done_at,
  };
}
