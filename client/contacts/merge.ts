// What merging two records of the same person will do, worked out before the seller confirms it:
// which record stays, what moves over from the other, which empty fields it fills. Mirrors the
// server's merge (server/contacts/merge.service.ts).
import type { ContactView, ContactWithTimeline, SearchResult } from '../api/contacts';
import type { ContactId } from '../../shared/ids';

/** A field of the kept record that the merge fills from the other when it is empty. */
export type MergeField =
  | 'companyName'
  | 'role'
  | 'address'
  | 'language'
  | 'timeZone'
  | 'family'
  | 'interests'
  | 'homeOffice'
  | 'birthday'
  | 'preferredChannel'
  | 'notes'
  | 'cadenceDays';

/** Which of the two records stays: the one whose page is open, or the one found. */
export type MergeKeep = 'current' | 'other';

/** The outcome of a merge, shown side by side before it happens. */
export interface MergePreview {
  /** The record that stays, under its own name. */
  keep: ContactView;
  /** The record merged in and then deleted. */
  remove: ContactView;
  /** Timeline entries the kept record has now. */
  keptTouchpoints: number;
  /** Timeline entries of the removed record that move to the kept one. */
  movedTouchpoints: number;
  /** E-mail addresses, phone numbers and tags the kept record gains. */
  addedEmails: string[];
  addedPhones: string[];
  addedTags: string[];
  /** Fields the kept record has empty and takes from the other. */
  filledFields: MergeField[];
}

const PLAIN_FIELDS = [
  'language',
  'timeZone',
  'family',
  'interests',
  'homeOffice',
  'birthday',
  'preferredChannel',
  'notes',
  'cadenceDays',
] as const satisfies readonly MergeField[];

const ADDRESS_PARTS = ['street', 'postalCode', 'city', 'country'] as const;

const added = (kept: readonly string[], other: readonly string[]) =>
  other.filter((value, i) => !kept.includes(value) && other.indexOf(value) === i);

// The server fills the address part by part, so any part the kept record lacks counts.
function fillsAddress(keep: ContactView, other: ContactView): boolean {
  if (!other.address) return false;
  const from = other.address;
  return ADDRESS_PARTS.some((part) => from[part] !== null && !keep.address?.[part]);
}

/** Fields of `keep` that are empty and that `other` has. */
export function filledFields(keep: ContactView, other: ContactView): MergeField[] {
  const fields: MergeField[] = [];
  if (keep.companyId === null && other.companyId !== null) fields.push('companyName');
  if (keep.role === null && other.role !== null) fields.push('role');
  if (fillsAddress(keep, other)) fields.push('address');
  for (const field of PLAIN_FIELDS) {
    if (keep[field] === null && other[field] !== null) fields.push(field);
  }
  return fields;
}

/** What merging `remove` into `keep` (each with its timeline) will do. */
export function buildMergePreview(
  keep: ContactWithTimeline,
  remove: ContactWithTimeline,
): MergePreview {
  return {
    keep: keep.contact,
    remove: remove.contact,
    keptTouchpoints: keep.timeline.length,
    movedTouchpoints: remove.timeline.length,
    addedEmails: added(keep.contact.emails, remove.contact.emails),
    addedPhones: added(keep.contact.phones, remove.contact.phones),
    addedTags: added(keep.contact.tags, remove.contact.tags),
    filledFields: filledFields(keep.contact, remove.contact),
  };
}

/**
 * The people among search hits that can be merged with the open record: not companies, not the
 * record itself, and only records the viewer may change (the server refuses the others).
 */
export function mergeCandidates(
  results: readonly SearchResult[] | null,
  currentId: ContactId,
): ContactView[] {
  return (results ?? []).flatMap((result) =>
    result.kind === 'contact' && result.contact.id !== currentId && result.contact.editable
      ? [result.contact]
      : [],
  );
}
