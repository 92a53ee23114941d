// Typed calls of the relationship memory API: the Today list, contacts and their timelines,
// touchpoints, snoozing, search, merging, tag cadences, personal links, imports and exports.
import type {
  ContactView,
  CsvPreviewView,
  CsvTarget,
  ImportAnswerLine,
  ImportProgressView,
  ImportResultView,
  TagCadencesView,
  TagCadenceView,
  TodayView,
  TouchpointView,
} from '../../shared/api/contacts';
import type { ContactDraft, TouchpointKind } from '../../shared/contacts';
import type { CompanyId, ContactId } from '../../shared/ids';
import { api, errorFromBody } from './http';
import { download, upload } from './transfer';
import type { DownloadedFile, UploadOptions } from './transfer';

export type {
  ContactView,
  CsvPreviewView,
  CsvTarget,
  ImportErrorView,
  ImportProgressView,
  ImportResultView,
  TagCadencesView,
  TagCadenceView,
  TodayEntryView,
  TodayReasonView,
  TodayView,
  TouchpointView,
} from '../../shared/api/contacts';
export type { DownloadedFile } from './transfer';

const contactPath = (id: ContactId) => `/api/contacts/${encodeURIComponent(id)}`;

/** Loads the seller's calm daily list: whom to reach today, why, and when. */
export async function fetchToday(signal?: AbortSignal): Promise<TodayView> {
  return api<TodayView>('/api/today', signal ? { signal } : {});
}

/** One page of the contacts the viewer may see. */
export async function fetchContacts(
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<ContactView[]> {
  const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  const body = await api<{ contacts: ContactView[] }>(
    `/api/contacts?${query.toString()}`,
    signal ? { signal } : {},
  );
  return body.contacts;
}

/** Creates a contact; the server normalises phones and finds or creates the company. */
export async function createContact(draft: ContactDraft): Promise<ContactView> {
  const body = await api<{ contact: ContactView }>('/api/contacts', {
    method: 'POST',
    body: draft,
  });
  return body.contact;
}

/** A contact with their timeline. */
export interface ContactWithTimeline {
  contact: ContactView;
  timeline: TouchpointView[];
}

/** Loads one contact and their timeline; throws ApiError 404 for a contact the viewer may not see. */
export async function fetchContact(
  id: ContactId,
  signal?: AbortSignal,
): Promise<ContactWithTimeline> {
  return api<ContactWithTimeline>(contactPath(id), signal ? { signal } : {});
}

/** Replaces a contact with a full draft (fields left out are cleared). */
export async function updateContact(id: ContactId, draft: ContactDraft): Promise<ContactView> {
  const body = await api<{ contact: ContactView }>(contactPath(id), { method: 'PUT', body: draft });
  return body.contact;
}

/** A touchpoint the seller logs by hand (lounge meetings are logged by the lounge itself). */
export interface NewTouchpoint {
  kind: Exclude<TouchpointKind, 'meeting'>;
  summary: string;
  occurredAt?: number;
  durationMs?: number;
  nextStep?: string;
  nextStepDueAt?: number;
}

/** Logs a touchpoint for a contact; it moves the contact's last touch forward. */
export async function logTouchpoint(
  id: ContactId,
  touchpoint: NewTouchpoint,
): Promise<TouchpointView> {
  const body = await api<{ touchpoint: TouchpointView }>(`${contactPath(id)}/touchpoints`, {
    method: 'POST',
    body: touchpoint,
  });
  return body.touchpoint;
}

/** How long a contact may rest: 1 day, 1 week, or 0 to wake them again. */
export type SnoozeDays = 0 | 1 | 7;

/** Marks the next step of a touchpoint done; it then leaves the Today list. */
export async function completeNextStep(touchpointId: string): Promise<void> {
  await api<unknown>(`/api/touchpoints/${encodeURIComponent(touchpointId)}/next-step-done`, {
    method: 'POST',
  });
}

/** Takes a contact off the Today list for a while. */
export async function snoozeContact(id: ContactId, days: SnoozeDays): Promise<void> {
  await api<void>(`${contactPath(id)}/snooze`, { method: 'POST', body: { days } });
}

/** One search hit: a person, or a company. */
export type SearchResult =
  | { kind: 'contact'; contact: ContactView }
  | { kind: 'company'; company: { id: CompanyId; name: string } };

/** Searches people and companies as the seller types. */
export async function searchContacts(
  q: string,
  limit: number,
  signal?: AbortSignal,
): Promise<SearchResult[]> {
  const query = new URLSearchParams({ q, limit: String(limit) });
  const body = await api<{ results: SearchResult[] }>(
    `/api/search?${query.toString()}`,
    signal ? { signal } : {},
  );
  return body.results;
}

/** Merges `mergeId` into `keepId` (both editable by the viewer); the other record is deleted. */
export async function mergeContacts(keepId: ContactId, mergeId: ContactId): Promise<ContactView> {
  const body = await api<{ contact: ContactView }>('/api/contacts/merge', {
    method: 'POST',
    body: { keepId, mergeId },
  });
  return body.contact;
}

/** The team's cadence per tag and the cadence of contacts that match none. */
export async function fetchTagCadences(signal?: AbortSignal): Promise<TagCadencesView> {
  return api<TagCadencesView>('/api/tag-cadences', signal ? { signal } : {});
}

const tagCadencePath = (tag: string) => `/api/tag-cadences/${encodeURIComponent(tag)}`;

/** Sets a tag's cadence (account owner only); every contact with that tag becomes due anew. */
export async function setTagCadence(tag: string, days: number): Promise<TagCadenceView> {
  const body = await api<{ cadence: TagCadenceView }>(tagCadencePath(tag), {
    method: 'PUT',
    body: { days },
  });
  return body.cadence;
}

/** Removes a tag's cadence (account owner only); its contacts fall back to other tags or the default. */
export async function removeTagCadence(tag: string): Promise<void> {
  await api<void>(tagCadencePath(tag), { method: 'DELETE' });
}

/** Gets the personal link to the seller's lounge for this contact. */
export async function createPersonalLink(id: ContactId): Promise<string> {
  const body = await api<{ url: string }>(`${contactPath(id)}/link`, { method: 'POST' });
  return body.url;
}

/** Downloads everything stored about one person (a JSON file). */
export async function exportContact(id: ContactId): Promise<DownloadedFile> {
  return download(`${contactPath(id)}/export`, 'contact.json');
}

/** Erases a contact and their timeline for good. */
export async function eraseContact(id: ContactId): Promise<void> {
  await api<void>(contactPath(id), { method: 'DELETE' });
}

/** Formats of the export of every contact the viewer may see. */
export type ContactsExportFormat = 'csv' | 'vcf';

/** Downloads every contact the viewer may see as CSV or vCard. */
export async function exportAllContacts(format: ContactsExportFormat): Promise<DownloadedFile> {
  return download(`/api/exports/contacts.${format}`, `contacts.${format}`);
}

/** Reads a CSV file on the server: its encoding, delimiter, first rows and a suggested mapping. */
export async function previewCsv(file: Blob, signal?: AbortSignal): Promise<CsvPreviewView> {
  return api<CsvPreviewView>('/api/imports/csv/preview', {
    method: 'POST',
    raw: file,
    ...(signal ? { signal } : {}),
  });
}

/** Options of an import: upload progress, and how far the server is with the rows. */
export interface ImportOptions extends Omit<UploadOptions, 'onLine'> {
  onStored?: (progress: ImportProgressView) => void;
}

/** Uploads an import with progress lines and returns its result (or throws its error). */
async function runImport(path: string, file: Blob, opts: ImportOptions): Promise<ImportResultView> {
  const { onStored, ...uploadOptions } = opts;
  const onLine = (line: unknown) => {
    const progress = (line as { progress?: ImportProgressView } | null)?.progress;
    if (progress) onStored?.(progress);
  };
  // A plain JSON answer is the result itself; a streamed one ends with the result or an error.
  const answer = await upload<ImportResultView | ImportAnswerLine>(path, file, {
    ...uploadOptions,
    onLine,
  });
  if ('error' in answer) throw errorFromBody(500, 'Import failed', answer);
  return 'result' in answer ? answer.result : (answer as ImportResultView);
}

/** Imports a CSV file with one target (or null to skip) per column. */
export async function importCsv(
  file: Blob,
  mapping: readonly (CsvTarget | null)[],
  opts: ImportOptions = {},
): Promise<ImportResultView> {
  const query = new URLSearchParams({ mapping: JSON.stringify(mapping) });
  return runImport(`/api/imports/csv?${query.toString()}`, file, opts);
}

/** Imports a vCard file (one or many cards). */
export async function importVcard(file: Blob, opts: ImportOptions = {}): Promise<ImportResultView> {
  return runImport('/api/imports/vcard', file, opts);
}
