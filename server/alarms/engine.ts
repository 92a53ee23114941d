// Alarm rules evaluated without any I/O: a rule's spec, its small persisted state and new readings
// (or the time, for offline rules) go in; the next state and the alarm transitions come out.
//
// Semantics (all durations in data timestamps, i.e. the device time of each reading):
// - `above`: the condition holds while value > threshold. The first reading above starts a
//   pending run; a reading at or below the threshold ends it. The rule fires at the first reading,
//   still above, that lies at least `minDurationMs` after the run's first reading (0 fires at
//   once), so short spikes never fire. The alarm opens at that reading's time with its value.
//   It clears at the first reading below threshold − hysteresis; readings in between keep it
//   firing, so a value wobbling around the threshold does not flap.
// - `below`: the mirror image (value < threshold fires, value > threshold + hysteresis clears).
// - Readings of a threshold rule are taken in time order; a batch is sorted first, and a reading
//   not newer than the newest one already taken (a late or repeated one) is ignored.
// - `offline`: fires when now − the newest data timestamp ≥ `limitMs` (intervals × the device's
//   expected interval), checked by `evaluateTick` and after readings. Keep-alives carry no data
//   and never count. The alarm opens at newest data + limit (when the gap became too long, no
//   matter how late a tick noticed) and closes at `now` once a reading makes the data fresh again;
//   a backlog of readings that are themselves too old does not clear it. Before any data arrived,
//   the rule's creation time stands in for the newest data.
import { z } from 'zod';

/** What a rule checks, in the engine's units (milliseconds). */
export type RuleSpec =
  | {
      kind: 'above' | 'below';
      key: string;
      threshold: number;
      hysteresis: number;
      minDurationMs: number;
    }
  | {
      kind: 'offline';
      /** Intervals × the device's expected interval, in milliseconds. */
      limitMs: number;
    };

/** The evaluation state of one rule, small and JSON-serialisable; persisted with the rule. */
export interface RuleState {
  /**
   * Threshold rules: time of the newest reading taken. Offline rules: time of the newest data,
   * or the rule's creation time while there has been none.
   */
  lastTs: number | null;
  /** Threshold rules: time of the first reading of the current pending run, if any. */
  pendingSince: number | null;
  /** True while the rule's alarm is open. */
  firing: boolean;
}

/** One reading as the engine sees it. */
export interface EngineReading {
  key: string;
  ts: number;
  value: number;
}

/** A change of the rule's alarm: opened at a time (with the value that fired it), or closed. */
export type Transition = { open: { at: number; value: number | null } } | { close: { at: number } };

/** The outcome of one evaluation. */
export interface Evaluation {
  state: RuleState;
  /** In time order; a batch may open, close and open again. */
  transitions: Transition[];
}

const ruleStateSchema = z.object({
  lastTs: z.number().nullable(),
  pendingSince: z.number().nullable(),
  firing: z.boolean(),
});

/**
 * The state of a new rule. `since` is when an offline rule starts counting: the device's newest
 * data, or the rule's creation while there is none.
 */
export function initialState(kind: RuleSpec['kind'], since: number): RuleState {
  return {
    lastTs: kind === 'offline' ? since : null,
    pendingSince: null,
    firing: false,
  };
}

/** Reads a persisted state; anything unreadable falls back to `fallback`. */
export function parseRuleState(json: string, fallback: RuleState): RuleState {
  try {
    const parsed = ruleStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** The state as stored in the database. */
export function serializeRuleState(state: RuleState): string {
  return JSON.stringify(state);
}

/**
 * True when two states differ in more than the newest reading time: the changes that must be
 * persisted at once (a pending run started or ended, the alarm opened or closed).
 */
export function isSignificantChange(before: RuleState, after: RuleState): boolean {
  return before.pendingSince !== after.pendingSince || before.firing !== after.firing;
}

/** Evaluates new readings of the rule's device (other keys are ignored) at `now`. */
export function evaluateReadings(
  spec: RuleSpec,
  state: RuleState,
  readings: readonly EngineReading[],
  now: number,
): Evaluation {
  if (spec.kind === 'offline') {
    const newest = readings.reduce<number | null>(
      (max, r) => (Number.isFinite(r.ts) && (max === null || r.ts > max) ? r.ts : max),
      state.lastTs,
    );
    return evaluateOffline(spec.limitMs, { ...state, lastTs: newest }, now);
  }
  const ordered = readings
    .filter((r) => r.key === spec.key && Number.isFinite(r.ts) && Number.isFinite(r.value))
    .sort((a, b) => a.ts - b.ts);
  let next = state;
  const transitions: Transition[] = [];
  for (const reading of ordered) {
    if (next.lastTs !== null && reading.ts <= next.lastTs) continue;
    const step = stepThreshold(spec, next, reading);
    next = step.state;
    if (step.transition) transitions.push(step.transition);
  }
  return { state: next, transitions };
}

/** Evaluates the passing of time at `now`: only offline rules change. */
export function evaluateTick(spec: RuleSpec, state: RuleState, now: number): Evaluation {
  if (spec.kind !== 'offline') return { state, transitions: [] };
  return evaluateOffline(spec.limitMs, state, now);
}

function stepThreshold(
  spec: Extract<RuleSpec, { kind: 'above' | 'below' }>,
  state: RuleState,
  reading: EngineReading,
): { state: RuleState; transition?: Transition } {
  const { value, ts } = reading;
  const above = spec.kind === 'above';
  const holds = above ? value > spec.threshold : value < spec.threshold;
  if (state.firing) {
    const clears = above
      ? value < spec.threshold - spec.hysteresis
      : value > spec.threshold + spec.hysteresis;
    if (!clears) return { state: { ...state, lastTs: ts } };
    return {
      state: { lastTs: ts, pendingSince: null, firing: false },
      transition: { close: { at: ts } },
    };
  }
  if (!holds) return { state: { lastTs: ts, pendingSince: null, firing: false } };
  const since = state.pendingSince ?? ts;
  if (ts - since < spec.minDurationMs) {
    return { state: { lastTs: ts, pendingSince: since, firing: false } };
  }
  return {
    state: { lastTs: ts, pendingSince: null, firing: true },
    transition: { open: { at: ts, value } },
  };
}

function evaluateOffline(limitMs: number, state: RuleState, now: number): Evaluation {
  const last = state.lastTs ?? now;
  const stale = now - last >= limitMs;
  if (stale && !state.firing) {
    return {
      state: { ...state, firing: true },
      transitions: [{ open: { at: last + limitMs, value: null } }],
    };
  }
  if (!stale && state.firing) {
    return { state: { ...state, firing: false }, transitions: [{ close: { at: now } }] };
  }
  return { state, transitions: [] };
}
