// Table type of the audit log: who exported or erased whose data, and when. It never holds
// personal data itself, only ids, so that an erasure leaves nothing behind but its own record.
import type { Selectable } from 'kysely';
import type { UserId } from '../../shared/ids.js';

/** One audited action. */
export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: UserId | null;
  action: string;
  subject_kind: string;
  subject_id: string;
}

/** An audit row as read. */
export type AuditRow = Selectable<AuditLogTable>;
