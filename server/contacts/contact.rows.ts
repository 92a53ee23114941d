// A contact's stored rows as plain data, without a database: phones in E.164, the row of a new
// contact and the texts it is found by. The services use them, and so does the import worker,
// which loads this and not the database layer (0.5 s of its start under tsx).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { ContactInput } from '../../shared/contacts.js';
import type { CompanyId, ContactId } from '../../shared/ids.js';
import { newId } from '../lib/random.js';
import { cadenceColumns } from './cadence.rules.js';
import type { ContactRecord } from './contact.repository.js';
import type { ContactRow } from './contact.table.js';

/** Region assumed for phone numbers written without a country code. */
export const DEFAULT_PHONE_REGION = 'DE';

/** Normalises a phone number to E.164 ("0711 123456" → "+49711123456"); null when it is no number. */
export function normalizePhone(raw: string, region = DEFAULT_PHONE_REGION): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: region as 'DE' });
  return parsed?.isValid() ? parsed.number : null;
}

/** The contact columns an input sets (everything but ids, owner, derived fields and times). */
export function inputColumns(input: ContactInput, companyId: CompanyId | null) {
  return {
    company_id: companyId,
    name: input.name,
    role: input.role,
    street: input.address?.street ?? null,
    postal_code: input.address?.postalCode ?? null,
    city: input.address?.city ?? null,
    country: input.address?.country ?? null,
    language: input.language,
    time_zone: input.timeZone,
    best_reach: JSON.stringify(input.bestReach),
    family: input.family,
    interests: input.interests,
    home_office: input.homeOffice,
    birthday_month: input.birthday?.month ?? null,
    birthday_day: input.birthday?.day ?? null,
    birthday_year: input.birthday?.year ?? null,
    preferred_channel: input.preferredChannel,
    notes: input.notes,
    cadence_days: input.cadenceDays,
    shared: input.shared ? 1 : 0,
  };
}

/** The texts a contact is found by: name, company, role, addresses, phone digits, tags, context. */
export function contactSearchParts(record: ContactRecord): (string | null)[] {
  const { row } = record;
  return [
    row.name,
    record.companyName,
    row.role,
    ...record.emails,
    // Phones are found by their digits, with and without the country code.
    ...record.phones.flatMap((p) => [p.slice(1), p.replace(/^\+49/, '0')]),
    ...record.tags,
    row.city,
    row.family,
    row.interests,
    row.home_office,
    row.notes,
  ];
}

/** The row of a new contact, with no touch yet (also used by the batched import). */
export function newContactRow(
  ownerId: ContactRow['owner_id'],
  input: ContactInput,
  companyId: CompanyId | null,
  now: number,
  tagCadences: Readonly<Record<string, number>>,
): ContactRow {
  const row = {
    id: newId<ContactId>(),
    owner_id: ownerId,
    ...inputColumns(input, companyId),
    last_touch_at: null,
    created_at: now,
    next_step_due_at: null,
    snoozed_until: null,
    updated_at: now,
  };
  return Object.assign(row, cadenceColumns(row, input.tags, tagCadences));
}
