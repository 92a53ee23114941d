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
