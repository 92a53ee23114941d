// Merging two records of the same person: the kept contact takes over the other's touchpoints,
// meeting records, personal links and bookings, gains its e-mails, phones and tags, and fills its
// empty fields from it; then the other record is gone.
import { loadTagCadences } from './cadence.js';
import { cadenceColumns } from './cadence.rules.js';
import type { ContactId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { Invalid } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { refreshNextStepDue } from '../touchpoints/touchpoint.repository.js';
import { recomputeLastTouch } from '../touchpoints/touchpoint.service.js';
import type { ContactRecord, Viewer } from './contact.repository.js';
import { deleteContactRow, replaceContactDetails, updateContactRow } from './contact.repository.js';
import { getOwnedContact, indexContact } from './contact.service.js';
import type { ContactRow } from './contact.table.js';
import { removeSearchDoc } from './search.repository.js';

/** Fields that take the other record's value when the kept one has none. */
const FILLABLE = [
  'company_id',
  'role',
  'street',
  'postal_code',
  'city',
  'country',
  'language',
  'time_zone',
  'family',
  'interests',
  'home_office',
  'preferred_channel',
  'notes',
  'cadence_days',
] as const satisfies readonly (keyof ContactRow)[];

/** Merges `mergeId` into `keepId` (both the viewer's); returns the kept contact as it is now. */
export async function mergeContacts(
  db: Db,
  clock: Clock,
  props: { viewer: Viewer; keepId: ContactId; mergeId: ContactId },
): Promise<ContactRecord> {
  if (props.keepId === props.mergeId) {
    throw new Invalid('A contact cannot be merged with itself', 'same_contact');
  }
  return db.transaction().execute(async (trx) => {
    const keep = await getOwnedContact(trx, props.viewer, props.keepId);
    const other = await getOwnedContact(trx, props.viewer, props.mergeId);
    const patch: Partial<ContactRow> = { updated_at: clock.now() };
    for (const field of FILLABLE) {
      if (keep.row[field] === null && other.row[field] !== null) {
        Object.assign(patch, { [field]: other.row[field] });
      }
    }
    if (keep.row.birthday_month === null && other.row.birthday_month !== null) {
      patch.birthday_month = other.row.birthday_month;
      patch.birthday_day = other.row.birthday_day;
      patch.birthday_year = other.row.birthday_year;
    }
    const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
    const details = {
      emails: union(keep.emails, other.emails),
      phones: union(keep.phones, other.phones),
      tags: union(keep.tags, other.tags),
    };
    await trx
      .updateTable('touchpoints')
      .set({ contact_id: props.keepId })
      .where('contact_id', '=', props.mergeId)
      .execute();
    await trx
      .updateTable('meeting_participants')
      .set({ contact_id: props.keepId })
      .where('contact_id', '=', props.mergeId)
      .execute();
    await trx
      .updateTable('contact_links')
      .set({ contact_id: props.keepId })
      .where('contact_id', '=', props.mergeId)
      .execute();
    // Bookings go with their contact when it is erased, so they must move before it goes.
    await trx
      .updateTable('bookings')
      .set({ contact_id: props.keepId })
      .where('contact_id', '=', props.mergeId)
      .execute();
    await removeSearchDoc(trx, 'contact', props.mergeId);
    await deleteContactRow(trx, props.mergeId);
    await replaceContactDetails(trx, props.keepId, details);
    const lastTouch = await recomputeLastTouch(trx, props.keepId);
    await refreshNextStepDue(trx, [props.keepId]);
    const merged = { ...keep.row, ...patch, last_touch_at: lastTouch };
    Object.assign(patch, cadenceColumns(merged, details.tags, await loadTagCadences(trx)));
    await updateContactRow(trx, props.keepId, patch);
    const companyName = patch.company_id !== undefined ? other.companyName : keep.companyName;
    const record: ContactRecord = {
      row: { ...merged, ...patch },
      companyName,
      ...details,
    };
    await indexContact(trx, record);
    return record;
  });
}
