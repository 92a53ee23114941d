// Checks of the machine forms before anything is sent: a new machine, a new device, a key's
// metadata and a new alarm rule. Each returns the values to send, or per field the reason it is
// wrong (a code the form turns into a sentence). The limits mirror the server's schemas.
import { MAX_EXPECTED_INTERVAL_SECONDS } from '../../shared/api/machines';
import type { CompanyId, ContactId } from '../../shared/ids';
import type { KeyMetaInput, NewAlarmRule, NewMachine } from '../api/machines';

/** Longest machine or device name (the server's column). */
export const MAX_MACHINE_NAME_LENGTH = 120;
/** Longest display name, unit and meaning of a key. */
export const KEY_META_LIMITS = { displayName: 120, unit: 32, meaning: 200 } as const;
/** Longest minimum duration of a threshold rule: one day. */
export const MAX_MIN_DURATION_SECONDS = 86_400;
/** Most expected intervals an offline rule may wait. */
export const MAX_OFFLINE_INTERVALS = 1000;
/** Longest reading key. */
export const MAX_KEY_LENGTH = 64;

// Dot-joined segments of letters, digits, `_` and `-`, as devices may name their readings.
const KEY_PATTERN = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const RESERVED_SEGMENT = /(?:^|\.)(?:__proto__|constructor|prototype)(?:\.|$)/;
const CONTROL = /\p{Cc}/u;

/** Why a field's value is refused. */
export type FieldProblem =
  'required' | 'tooLong' | 'control' | 'number' | 'wholeNumber' | 'negative' | 'range' | 'key';

/** A checked form: the values to send, or the problem of each wrong field. */
export type Checked<T, F extends string> =
  { ok: true; value: T } | { ok: false; errors: Partial<Record<F, FieldProblem>> };

function checkLine(raw: string, max: number, required: boolean): FieldProblem | null {
  const text = raw.trim();
  if (text === '') return required ? 'required' : null;
  if (text.length > max) return 'tooLong';
  if (CONTROL.test(text)) return 'control';
  return null;
}

/**
 * A decimal number as people type it: "21.5", "21,5", "-3", ".5". Thousands separators are
 * refused rather than guessed ("1.000" is one in German, a thousand in English).
 */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim().replace(/\s/g, '');
  if (!/^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/.test(text)) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

function checkWhole(raw: string, min: number, max: number): FieldProblem | number {
  const value = parseDecimal(raw);
  if (raw.trim() === '') return 'required';
  if (value === null) return 'number';
  if (!Number.isInteger(value)) return 'wholeNumber';
  if (value < min || value > max) return 'range';
  return value;
}

/** Checks a reading key as the server accepts it. */
export function checkKey(raw: string): FieldProblem | null {
  const key = raw.trim();
  if (key === '') return 'required';
  if (key.length > MAX_KEY_LENGTH) return 'tooLong';
  if (!KEY_PATTERN.test(key) || RESERVED_SEGMENT.test(key) || key === 'ts') return 'key';
  return null;
}

/** What the new-machine form holds. */
export interface MachineDraft {
  name: string;
  companyId: CompanyId | null;
  contactId: ContactId | null;
}

/** Checks a new machine: a name and a customer company. */
export function checkMachine(draft: MachineDraft): Checked<NewMachine, 'name' | 'companyId'> {
  const errors: Partial<Record<'name' | 'companyId', FieldProblem>> = {};
  const name = checkLine(draft.name, MAX_MACHINE_NAME_LENGTH, true);
  if (name) errors.name = name;
  if (draft.companyId === null) errors.companyId = 'required';
  if (Object.keys(errors).length > 0 || draft.companyId === null) return { ok: false, errors };
  return {
    ok: true,
    value: { name: draft.name.trim(), companyId: draft.companyId, contactId: draft.contactId },
  };
}

/** What the new-device form holds. */
export interface DeviceDraft {
  name: string;
  expectedIntervalSeconds: string;
}

/** Checks a new device: a name and an expected interval of 1 second to 1 day. */
export function checkDevice(
  draft: DeviceDraft,
): Checked<{ name: string; expectedIntervalSeconds: number }, keyof DeviceDraft> {
  const errors: Partial<Record<keyof DeviceDraft, FieldProblem>> = {};
  const name = checkLine(draft.name, MAX_MACHINE_NAME_LENGTH, true);
  if (name) errors.name = name;
  const interval = checkWhole(draft.expectedIntervalSeconds, 1, MAX_EXPECTED_INTERVAL_SECONDS);
  if (typeof interval !== 'number') errors.expectedIntervalSeconds = interval;
  if (Object.keys(errors).length > 0 || typeof interval !== 'number') return { ok: false, errors };
  return { ok: true, value: { name: draft.name.trim(), expectedIntervalSeconds: interval } };
}

/** Checks a key's metadata: every field optional, empty clears it. */
export function checkKeyMeta(draft: {
  [F in keyof KeyMetaInput]: string;
}): Checked<KeyMetaInput, keyof KeyMetaInput> {
  const errors: Partial<Record<keyof KeyMetaInput, FieldProblem>> = {};
  const value: KeyMetaInput = { displayName: null, unit: null, meaning: null };
  for (const field of ['displayName', 'unit', 'meaning'] as const) {
    const problem = checkLine(draft[field], KEY_META_LIMITS[field], false);
    if (problem) errors[field] = problem;
    else value[field] = draft[field].trim() || null;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** The kinds of alarm rule. */
export const RULE_KINDS = ['above', 'below', 'offline'] as const;

/** What the new-rule form holds (text as typed). */
export interface AlarmRuleDraft {
  kind: (typeof RULE_KINDS)[number];
  key: string;
  threshold: string;
  hysteresis: string;
  minDurationSeconds: string;
  intervals: string;
}

/** A field of the new-rule form. */
export type AlarmRuleField = Exclude<keyof AlarmRuleDraft, 'kind'>;

/** An empty new-rule form. */
export function emptyRuleDraft(key = ''): AlarmRuleDraft {
  return {
    kind: 'above',
    key,
    threshold: '',
    hysteresis: '0',
    minDurationSeconds: '0',
    intervals: '3',
  };
}

/**
 * Checks a new alarm rule: a threshold rule needs a valid key and a limit, a hysteresis of at
 * least 0 and a minimum duration of 0 seconds to a day; an offline rule 1 to 1000 intervals.
 * Empty hysteresis and minimum duration mean 0.
 */
export function checkAlarmRule(draft: AlarmRuleDraft): Checked<NewAlarmRule, AlarmRuleField> {
  const errors: Partial<Record<AlarmRuleField, FieldProblem>> = {};
  if (draft.kind === 'offline') {
    const intervals = checkWhole(draft.intervals, 1, MAX_OFFLINE_INTERVALS);
    if (typeof intervals !== 'number') return { ok: false, errors: { intervals } };
    return { ok: true, value: { kind: 'offline', intervals } };
  }
  const key = checkKey(draft.key);
  if (key) errors.key = key;
  const threshold = parseDecimal(draft.threshold);
  if (draft.threshold.trim() === '') errors.threshold = 'required';
  else if (threshold === null) errors.threshold = 'number';
  const hysteresis = draft.hysteresis.trim() === '' ? 0 : parseDecimal(draft.hysteresis);
  if (hysteresis === null) errors.hysteresis = 'number';
  else if (hysteresis < 0) errors.hysteresis = 'negative';
  const minDuration =
    draft.minDurationSeconds.trim() === ''
      ? 0
      : checkWhole(draft.minDurationSeconds, 0, MAX_MIN_DURATION_SECONDS);
  if (typeof minDuration !== 'number') errors.minDurationSeconds = minDuration;
  if (
    Object.keys(errors).length > 0 ||
    threshold === null ||
    hysteresis === null ||
    typeof minDuration !== 'number'
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      kind: draft.kind,
      key: draft.key.trim(),
      threshold,
      hysteresis,
      minDurationSeconds: minDuration,
    },
  };
}
