// The alarm engine with a fake clock: minimum duration (short spikes never fire), hysteresis (no
// flapping), clearing, offline by data timestamps rather than arrival time, late and batched data.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import {
  evaluateReadings,
  evaluateTick,
  initialState,
  isSignificantChange,
  parseRuleState,
  serializeRuleState,
} from './engine.js';
import type { EngineReading, RuleSpec, RuleState, Transition } from './engine.js';

const SECOND = 1000;
const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

const above: RuleSpec = {
  kind: 'above',
  key: 'temp',
  threshold: 90,
  hysteresis: 5,
  minDurationMs: 60 * SECOND,
};

/** A reading of `temp` `seconds` after T0. */
const at = (seconds: number, value: number, key = 'temp'): EngineReading => ({
  key,
  ts: T0 + seconds * SECOND,
  value,
});

/** Feeds readings one call at a time, as they would arrive, and collects the transitions. */
function feed(spec: RuleSpec, readings: EngineReading[], start?: RuleState) {
  let state = start ?? initialState(spec.kind, T0);
  const transitions: Transition[] = [];
  for (const reading of readings) {
    const result = evaluateReadings(spec, state, [reading], reading.ts);
    state = result.state;
    transitions.push(...result.transitions);
  }
  return { state, transitions };
}

describe('threshold rules', () => {
  it('does not fire for spikes shorter than the minimum duration', () => {
    const { state, transitions } = feed(above, [
      at(0, 95),
      at(30, 97),
      at(50, 99),
      at(55, 80), // the run ends 5 s before the minute is full
      at(60, 95),
      at(100, 96),
    ]);
    expect(transitions).toEqual([]);
    expect(state.firing).toBe(false);
    // The second run counts from its own first reading.
    expect(state.pendingSince).toBe(T0 + 60 * SECOND);
  });

  it('fires at the first reading still above once the duration is reached', () => {
    const { state, transitions } = feed(above, [at(0, 95), at(30, 97), at(60, 92), at(90, 99)]);
    expect(transitions).toEqual([{ open: { at: T0 + 60 * SECOND, value: 92 } }]);
    expect(state).toEqual({ lastTs: T0 + 90 * SECOND, pendingSince: null, firing: true });
  });

  it('fires at once without a minimum duration', () => {
    const { transitions } = feed({ ...above, minDurationMs: 0 }, [at(0, 85), at(1, 90.5)]);
    expect(transitions).toEqual([{ open: { at: T0 + SECOND, value: 90.5 } }]);
  });

  it('measures the duration in data timestamps, not in arrival time', () => {
    const clock = new FakeClock(T0);
    // Two readings a minute apart by their timestamps arrive in one go, an hour later…
    clock.advance(3600 * SECOND);
    const late = evaluateReadings(
      above,
      initialState('above', T0),
      [at(0, 95), at(60, 96)],
      clock.now(),
    );
    expect(late.transitions).toEqual([{ open: { at: T0 + 60 * SECOND, value: 96 } }]);
    // …while two readings seconds apart never fire, however long the arrivals are apart.
    let state = initialState('above', T0);
    for (const reading of [at(0, 95), at(5, 96)]) {
      clock.advance(120 * SECOND);
      const result = evaluateReadings(above, state, [reading], clock.now());
      expect(result.transitions).toEqual([]);
      state = result.state;
    }
  });

  it('keeps firing between threshold and threshold − hysteresis, and clears below it', () => {
    const fired = feed(above, [at(0, 95), at(60, 95)]);
    expect(fired.state.firing).toBe(true);
    // Wobbling around the threshold (90) but never under 85: no flapping.
    const wobble = feed(
      above,
      [at(61, 89), at(62, 91), at(63, 86), at(64, 90), at(65, 85), at(66, 93), at(67, 88)],
      fired.state,
    );
    expect(wobble.transitions).toEqual([]);
    expect(wobble.state.firing).toBe(true);
    const cleared = feed(above, [at(70, 84.9)], wobble.state);
    expect(cleared.transitions).toEqual([{ close: { at: T0 + 70 * SECOND } }]);
    expect(cleared.state).toEqual({ lastTs: T0 + 70 * SECOND, pendingSince: null, firing: false });
  });

  it('needs the full duration again after clearing', () => {
    const fired = feed(above, [at(0, 95), at(60, 95), at(61, 50)]);
    expect(fired.transitions).toHaveLength(2);
    const again = feed(above, [at(62, 95), at(100, 95)], fired.state);
    expect(again.transitions).toEqual([]);
    expect(feed(above, [at(122, 91)], again.state).transitions).toEqual([
      { open: { at: T0 + 122 * SECOND, value: 91 } },
    ]);
  });

  it('mirrors everything for below rules', () => {
    const below: RuleSpec = {
      kind: 'below',
      key: 'pressure',
      threshold: 2,
      hysteresis: 0.5,
      minDurationMs: 10 * SECOND,
    };
    const p = (s: number, v: number) => at(s, v, 'pressure');
    const { transitions, state } = feed(below, [
      p(0, 1.9),
      p(5, 2.2), // run broken before 10 s
      p(6, 1.5),
      p(16, 1.8), // fires
      p(17, 2.4), // between 2 and 2.5: still firing
      p(18, 2.6), // clears
    ]);
    expect(transitions).toEqual([
      { open: { at: T0 + 16 * SECOND, value: 1.8 } },
      { close: { at: T0 + 18 * SECOND } },
    ]);
    expect(state.firing).toBe(false);
  });

  it('sorts a batch, ignores other keys, and ignores readings not newer than the last one', () => {
    const batch = [at(60, 96), at(0, 95), at(30, 97, 'humidity'), at(30, 50, 'humidity')];
    const first = evaluateReadings(above, initialState('above', T0), batch, T0 + 61 * SECOND);
    expect(first.transitions).toEqual([{ open: { at: T0 + 60 * SECOND, value: 96 } }]);
    // A late reading from before the last one, and a repeat of it, change nothing.
    const late = evaluateReadings(above, first.state, [at(30, 10), at(60, 10)], T0);
    expect(late).toEqual({ state: first.state, transitions: [] });
  });

  it('opens, closes and opens again within one batch, in time order', () => {
    const quick = { ...above, minDurationMs: 0 };
    const result = evaluateReadings(
      quick,
      initialState('above', T0),
      [at(3, 99), at(1, 99), at(2, 10)],
      T0 + 4 * SECOND,
    );
    expect(result.transitions).toEqual([
      { open: { at: T0 + SECOND, value: 99 } },
      { close: { at: T0 + 2 * SECOND } },
      { open: { at: T0 + 3 * SECOND, value: 99 } },
    ]);
  });

  it('ignores the passing of time', () => {
    const pending = feed(above, [at(0, 95)]).state;
    expect(evaluateTick(above, pending, T0 + 86_400 * SECOND)).toEqual({
      state: pending,
      transitions: [],
    });
  });
});

describe('offline rules', () => {
  const offline: RuleSpec = { kind: 'offline', limitMs: 3 * 60 * SECOND };

  it('fires when the newest data is older than the limit, dated when the gap became too long', () => {
    const clock = new FakeClock(T0);
    let state = evaluateReadings(offline, initialState('offline', T0), [at(0, 1)], T0).state;
    clock.advance(179 * SECOND);
    expect(evaluateTick(offline, state, clock.now()).transitions).toEqual([]);
    // A tick that comes late still dates the alarm to the moment the limit passed.
    clock.advance(60 * SECOND);
    const fired = evaluateTick(offline, state, clock.now());
    expect(fired.transitions).toEqual([{ open: { at: T0 + 180 * SECOND, value: null } }]);
    state = fired.state;
    expect(evaluateTick(offline, state, clock.now() + 3600 * SECOND).transitions).toEqual([]);
  });

  it('judges by data timestamps: old data arriving now does not keep a device online', () => {
    const clock = new FakeClock(T0 + 600 * SECOND);
    // Readings keep arriving (now), but their timestamps are ten minutes old.
    const result = evaluateReadings(
      offline,
      initialState('offline', T0),
      [at(0, 1), at(1, 1)],
      clock.now(),
    );
    expect(result.transitions).toEqual([{ open: { at: T0 + 181 * SECOND, value: null } }]);
  });

  it('clears at arrival once a reading makes the data fresh, not for a stale backlog', () => {
    const clock = new FakeClock(T0 + 600 * SECOND);
    const fired = evaluateTick(offline, initialState('offline', T0), clock.now());
    expect(fired.state.firing).toBe(true);
    clock.advance(10 * SECOND);
    const backlog = evaluateReadings(offline, fired.state, [at(100, 1), at(200, 1)], clock.now());
    expect(backlog.transitions).toEqual([]);
    const fresh = evaluateReadings(offline, backlog.state, [at(605, 1)], clock.now());
    expect(fresh.transitions).toEqual([{ close: { at: clock.now() } }]);
    expect(fresh.state).toEqual({ lastTs: T0 + 605 * SECOND, pendingSince: null, firing: false });
  });

  it('counts a rule without data from the time it started counting', () => {
    const start = initialState('offline', T0);
    expect(evaluateTick(offline, start, T0 + 179 * SECOND).transitions).toEqual([]);
    expect(evaluateTick(offline, start, T0 + 180 * SECOND).transitions).toHaveLength(1);
  });

  it('takes data of any key, and never moves the newest data back', () => {
    const state = evaluateReadings(
      offline,
      initialState('offline', T0),
      [at(50, 1, 'a'), at(70, 1, 'b')],
      T0 + 70 * SECOND,
    ).state;
    expect(state.lastTs).toBe(T0 + 70 * SECOND);
    const late = evaluateReadings(offline, state, [at(10, 1, 'a')], T0 + 71 * SECOND).state;
    expect(late.lastTs).toBe(T0 + 70 * SECOND);
  });
});

describe('rule state', () => {
  it('round-trips through JSON and falls back when the stored text is unreadable', () => {
    const state: RuleState = { lastTs: T0, pendingSince: T0 - 5, firing: true };
    const fallback = initialState('above', T0);
    expect(parseRuleState(serializeRuleState(state), fallback)).toEqual(state);
    expect(parseRuleState('not json', fallback)).toBe(fallback);
    expect(parseRuleState('{"firing":"yes"}', fallback)).toBe(fallback);
  });

  it('calls a change significant only when a run starts or ends or the alarm changes', () => {
    const base: RuleState = { lastTs: T0, pendingSince: null, firing: false };
    expect(isSignificantChange(base, { ...base, lastTs: T0 + 1 })).toBe(false);
    expect(isSignificantChange(base, { ...base, pendingSince: T0 })).toBe(true);
    expect(isSignificantChange(base, { ...base, firing: true })).toBe(true);
  });
});
