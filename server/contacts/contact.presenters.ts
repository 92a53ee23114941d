// What the contacts feature sends to clients.
import type { ContactView } from '../../shared/api/contacts.js';
import type { ReachWindow } from '../../shared/contacts.js';
import type { ContactRecord, Viewer } from './contact.repository.js';

function parseReach(json: string): ReachWindow[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as ReachWindow[]) : [];
  } catch {
    return [];
  }
}

/** Presents a contact to a viewer who may see it. */
export function presentContact(record: ContactRecord, viewer: Viewer): ContactView {
  const { row } = record;
  const hasAddress = row.street || row.postal_code || row.city || row.country;
  return {
    id: row.id,
    name: row.name,
    companyId: row.company_id,
    companyName: record.companyName,
    role: row.role,
    emails: record.emails,
    phones: record.phones,
    address: hasAddress
      ? { street: row.street, postalCode: row.postal_code, city: row.city, country: row.country }
      : null,
    language: row.language,
    timeZone: row.time_zone,
    bestReach: parseReach(row.best_reach),
    family: row.family,
    interests: row.interests,
    homeOffice: row.home_office,
    birthday:
      row.birthday_month !== null && row.birthday_day !== null
        ? { month: row.birthday_month, day: row.birthday_day, year: row.birthday_year }
        : null,
    preferredChannel: row.preferred_channel,
    notes: row.notes,
    tags: record.tags,
    cadenceDays: row.cadence_days,
    shared: row.shared === 1,
    editable: viewer.isOwner || row.owner_id === viewer.id,
    lastTouchAt: row.last_touch_at,
    snoozedUntil: row.snoozed_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
