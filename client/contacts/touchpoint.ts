// The log form's values turned into the touchpoint the API takes.
import type { NewTouchpoint } from '../api/contacts';

/** What the log form holds; `due` is a date input's value ("2026-12-05" or empty). */
export interface LogFormValues {
  kind: NewTouchpoint['kind'];
  summary: string;
  nextStep: string;
  due: string;
}

/** The start of a calendar day ("YYYY-MM-DD") in the viewer's zone, or null for anything else. */
export function localDayStart(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [, y, m, d] = match.map(Number);
  if (y === undefined || m === undefined || d === undefined) return null;
  const at = new Date(y, m - 1, d);
  return at.getMonth() === m - 1 && at.getDate() === d ? at.getTime() : null;
}

/**
 * The touchpoint to log: an empty summary is fine (one click "log call"); a next step and its
 * due day go along only when filled in.
 */
export function touchpointFromForm(values: LogFormValues): NewTouchpoint {
  const nextStep = values.nextStep.trim();
  const due = localDayStart(values.due);
  return {
    kind: values.kind,
    summary: values.summary.trim(),
    ...(nextStep ? { nextStep } : {}),
    ...(nextStep && due !== null ? { nextStepDueAt: due } : {}),
  };
}
