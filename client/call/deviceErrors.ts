// Turns getUserMedia failures into the few cases a person can act on.

/** Why a camera or microphone could not be opened. */
export type DeviceProblem = 'denied' | 'busy' | 'missing' | 'unsupported' | 'unknown';

const DENIED = new Set(['NotAllowedError', 'PermissionDeniedError', 'SecurityError']);
const BUSY = new Set(['NotReadableError', 'TrackStartError', 'AbortError']);
const MISSING = new Set([
  'NotFoundError',
  'DevicesNotFoundError',
  'OverconstrainedError',
  'ConstraintNotSatisfiedError',
]);

/**
 * Classifies an error thrown by `getUserMedia`: denied (permission), busy (another app holds the
 * device), missing (no such device), unsupported (no media API, e.g. not a secure context).
 */
export function classifyMediaError(error: unknown): DeviceProblem {
  const name =
    typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (DENIED.has(name)) return 'denied';
  if (BUSY.has(name)) return 'busy';
  if (MISSING.has(name)) return 'missing';
  if (name === 'TypeError' || name === 'NotSupportedError') return 'unsupported';
  return 'unknown';
}
