// Table types of the contacts feature: companies, contacts with personal context, their e-mails,
// phones and tags, cadences per tag, personal invite links and the search index.
import type { Insertable, Selectable } from 'kysely';
import type { Channel } from '../../shared/contacts.js';
import type { CompanyId, ContactId, RoomId, UserId } from '../../shared/ids.js';

/** A company, the employer of contacts; it belongs to the seller who created it. */
export interface CompaniesTable {
  id: CompanyId;
  owner_id: UserId;
  name: string;
  /** `foldText(name)`, to match "Müller GmbH" with "MUELLER GMBH". */
  name_folded: string;
  shared: number;
  created_at: number;
}

/** A person in the relationship memory. */
export interface ContactsTable {
  id: ContactId;
  owner_id: UserId;
  company_id: CompanyId | null;
  name: string;
  role: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  language: string | null;
  time_zone: string | null;
  /** JSON array of ReachWindow. */
  best_reach: string;
  family: string | null;
  interests: string | null;
  home_office: string | null;
  birthday_month: number | null;
  birthday_day: number | null;
  birthday_year: number | null;
  preferred_channel: Channel | null;
  notes: string | null;
  cadence_days: number | null;
  /** `cadence_days`, else the shortest of the tags' cadences, else the fallback (see cadence.ts). */
  cadence_effective: number;
  /** 1 when shared with the whole team. */
  shared: number;
  /** Newest touchpoint time, derived from the log. */
  last_touch_at: number | null;
  /** (last touch, or creation when never touched) + effective cadence, in epoch ms. */
  due_at: number;
  /** When the earliest open next step is due, derived from the log (null: none open). */
  next_step_due_at: number | null;
  snoozed_until: number | null;
  created_at: number;
  updated_at: number;
}

/** One e-mail address of a contact, in the order given. */
export interface ContactEmailsTable {
  contact_id: ContactId;
  position: number;
  email: string;
}

/** One phone number of a contact in E.164, in the order given. */
export interface ContactPhonesTable {
  contact_id: ContactId;
  position: number;
  e164: string;
}

/** One tag of a contact (lower-case). */
export interface ContactTagsTable {
  contact_id: ContactId;
  tag: string;
}

/** The team's default cadence for a tag, in days. */
export interface TagCadencesTable {
  tag: string;
  days: number;
}

/** A personal link to a seller's room for one contact. */
export interface ContactLinksTable {
  id: string;
  contact_id: ContactId;
  room_id: RoomId;
  token: string;
  created_at: number;
  revoked_at: number | null;
}

/** The folded search index: one document per contact or company. */
export interface ContactSearchTable {
  doc_kind: 'contact' | 'company';
  doc_id: string;
  body: string;
}

/** A company row as read. */
export type CompanyRow = Selectable<CompaniesTable>;
/** A contact row as read. */
export type ContactRow = Selectable<ContactsTable>;
/** A contact row to insert. */
export type NewContact = Insertable<ContactsTable>;
/** A personal link row as read. */
export type ContactLinkRow = Selectable<ContactLinksTable>;
