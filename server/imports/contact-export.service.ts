// Exporting contacts: everything the viewer may see, page by page, as CSV or vCard.
import type { ContactView } from '../../shared/api/contacts.js';
import type { Db } from '../db/database.js';
import { presentContact } from '../contacts/contact.presenters.js';
import { listVisibleContacts, loadContactRecords } from '../contacts/contact.repository.js';
import type { Viewer } from '../contacts/contact.repository.js';
import type { ExportContact } from './export.js';

/** Contacts read per query while exporting. */
const PAGE = 1000;

/** A presented contact in the shape the exporters write (the contact input). */
export function exportableContact(view: ContactView): ExportContact {
  return {
    name: view.name,
    companyName: view.companyName,
    role: view.role,
    emails: view.emails,
    phones: view.phones,
    address: view.address,
    language: view.language,
    timeZone: view.timeZone,
    bestReach: view.bestReach,
    family: view.family,
    interests: view.interests,
    homeOffice: view.homeOffice,
    birthday: view.birthday,
    preferredChannel: view.preferredChannel,
    notes: view.notes,
    tags: view.tags,
    cadenceDays: view.cadenceDays,
    shared: view.shared,
  };
}

/** Every contact the viewer may see, by name, ready for an exporter. */
export async function collectExportContacts(db: Db, viewer: Viewer): Promise<ExportContact[]> {
  const out: ExportContact[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await listVisibleContacts(db, viewer, { limit: PAGE, offset });
    const records = await loadContactRecords(db, rows);
    out.push(...records.map((r) => exportableContact(presentContact(r, viewer))));
    if (rows.length < PAGE) return out;
  }
}
