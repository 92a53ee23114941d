// Shapes of the relationship memory API's answers, shared by the server's presenters and the client.
import type { Address, Birthday, Channel, ReachWindow, TouchpointKind } from '../contacts.js';
import type { CompanyId, ContactId, TouchpointId } from '../ids.js';

/** A contact as its viewers see it. */
export interface ContactView {
  id: ContactId;
  name: string;
  companyId: CompanyId | null;
  companyName: string | null;
  role: string | null;
  emails: string[];
  /** E.164 numbers; the UI links them as `tel:`. */
  phones: string[];
  address: Address | null;
  language: string | null;
  timeZone: string | null;
  bestReach: ReachWindow[];
  family: string | null;
  interests: string | null;
  homeOffice: string | null;
  birthday: Birthday | null;
  preferredChannel: Channel | null;
  notes: string | null;
  tags: string[];
  cadenceDays: number | null;
  shared: boolean;
  /** True when the viewer may change, export or erase it. */
  editable: boolean;
  lastTouchAt: number | null;
  snoozedUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

/** One entry of a timeline. */
export interface TouchpointView {
  id: TouchpointId;
  kind: TouchpointKind;
  occurredAt: number;
  durationMs: number | null;
  summary: string;
  nextStep: string | null;
  nextStepDueAt: number | null;
  nextStepDoneAt: number | null;
}

/**
 * Why someone is on the Today list. An open set: other features add kinds.
 * Built in: `overdue` `{ ratio, daysSinceTouch, cadenceDays }`, `untouched` (no touchpoint yet,
 * same detail), `birthday` `{ month, day, daysUntil, turns? }`, `next_step_due` `{ daysLate }`,
 * `meeting_today`. From machine alarms: `machine_alarm` `{ machineId, machineName, alarmKind,
 * key?, value?, threshold?, openedAt, link }`, `link` being the app path of the chart at the event.
 */
export interface TodayReasonView {
  kind: string;
  /** Facts for the text; see the kinds above. */
  detail: Record<string, string | number>;
}

/** One person on the Today list, with the right moment and personal context at a glance. */
export interface TodayEntryView {
  contact: ContactView;
  reasons: TodayReasonView[];
  /** Days since the last touch. */
  daysSinceTouch: number;
  /** Days since last touch divided by the cadence. */
  ratio: number;
  /** The person's local time now ("HH:MM") and whether it is within their best reach time. */
  localTime: string;
  timeZone: string;
  inReachWindow: boolean;
  /** Start of the next reach window (epoch ms), when there are windows and it is not now. */
  nextReachAt: number | null;
}

/** GET /api/today. */
export interface TodayView {
  entries: TodayEntryView[];
  /** How many qualified before the cap. */
  total: number;
  cap: number;
}

/** A column mapping target of the CSV import. */
export type CsvTarget = string;

/** POST /api/imports/csv/preview: what the file looks like and a suggested column mapping. */
export interface CsvPreviewView {
  encoding: string;
  delimiter: string;
  columns: string[];
  sample: string[][];
  /** Column index → target field (or null to ignore). */
  suggested: (CsvTarget | null)[];
  targets: CsvTarget[];
  rowCount: number;
}

/** One row that could not be imported, with its line in the file and why. */
export interface ImportErrorView {
  line: number;
  code: string;
  field?: string;
  detail?: string;
}

/** The outcome of an import. */
export interface ImportResultView {
  created: number;
  /** Rows that matched an existing contact by e-mail or phone and updated it. */
  updated: number;
  errors: ImportErrorView[];
}

/** How far a running import is: a line of its NDJSON answer (see `ImportAnswerLine`). */
export interface ImportProgressView {
  /** Rows stored or refused so far. */
  done: number;
  /** Rows in the file, once it has been read (null before). */
  total: number | null;
}

/**
 * A line of an import's answer when the client accepts `application/x-ndjson`: progress while
 * the rows are stored, then the result, or an error that came after the progress had begun.
 */
export type ImportAnswerLine =
  | { progress: ImportProgressView }
  | { result: ImportResultView }
  | { error: { code: string; message: string } };

/** The team's cadence for one tag. */
export interface TagCadenceView {
  tag: string;
  days: number;
}

/** Every tag cadence and the cadence of contacts that match none. */
export interface TagCadencesView {
  cadences: TagCadenceView[];
  fallbackDays: number;
}
