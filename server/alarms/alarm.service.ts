// The alarm monitor: keeps every rule and its evaluation state in memory, feeds them readings
// and the passing time, and writes each change (rule state plus the alarm opened or closed) in
// one transaction. The database holds the truth, so a new monitor over it continues where the
// last one stopped: a pending duration keeps counting and an open alarm stays open.
import type { FastifyBaseLogger } from 'fastify';
import type { AlarmRuleId, DeviceId, MachineId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import type { Service } from '../services/service.js';
import {
  closeOpenAlarm,
  findRulesWithOpenAlarm,
  insertAlarm,
  loadRuleRecords,
  saveRuleState,
} from './alarm.repository.js';
import type { RuleRecord } from './alarm.repository.js';
import type { AlarmKind, AlarmRuleRow } from './alarm.table.js';
import {
  evaluateReadings,
  evaluateTick,
  initialState,
  isSignificantChange,
  parseRuleState,
  serializeRuleState,
} from './engine.js';
import type { Evaluation, RuleSpec, RuleState } from './engine.js';

/** One stored reading, as the telemetry writer reports it after its commit. */
export interface MonitorReading {
  deviceId: DeviceId;
  key: string;
  ts: number;
  value: number;
}

/** What the monitor needs. */
export interface AlarmMonitorDeps {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  /** How often offline rules are checked. Default 5 s. */
  tickMs?: number;
}

const DEFAULT_TICK_MS = 5_000;

/** One rule as the monitor tracks it. */
interface TrackedRule {
  id: AlarmRuleId;
  deviceId: DeviceId;
  machineId: MachineId;
  kind: AlarmKind;
  key: string | null;
  spec: RuleSpec;
  state: RuleState;
}

/** The engine's view of a stored rule; an offline rule needs its device's expected interval. */
export function ruleSpec(rule: AlarmRuleRow, expectedIntervalSeconds: number): RuleSpec {
  if (rule.kind === 'offline') {
    return { kind: 'offline', limitMs: (rule.intervals ?? 1) * expectedIntervalSeconds * 1000 };
  }
  return {
    kind: rule.kind,
    key: rule.key ?? '',
    threshold: rule.threshold ?? 0,
    hysteresis: rule.hysteresis ?? 0,
    minDurationMs: (rule.min_duration_seconds ?? 0) * 1000,
  };
}

/**
 * Evaluates alarm rules as readings arrive (`onReadings`) and as time passes (`tick`, driven by a
 * timer that reads the clock). Work on one rule runs strictly in order; different rules run side
 * by side. Before `start` and after `stop` every entry point does nothing.
 */
export class AlarmMonitor implements Service {
  readonly name = 'alarms';
  private readonly rules = new Map<AlarmRuleId, TrackedRule>();
  private readonly byDevice = new Map<DeviceId, Set<AlarmRuleId>>();
  private readonly queues = new Map<AlarmRuleId, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly deps: AlarmMonitorDeps) {}

  /** Loads every rule with its state and open alarm, checks offline rules, and starts the timer. */
  async start(): Promise<void> {
    if (this.running) return;
    const records = await loadRuleRecords(this.deps.db);
    const open = await findRulesWithOpenAlarm(this.deps.db);
    this.rules.clear();
    this.byDevice.clear();
    for (const record of records) this.track(record, open.has(record.rule.id));
    this.running = true;
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.deps.tickMs ?? DEFAULT_TICK_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for evaluations under way; the state is already stored. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** Resolves when every evaluation queued so far has finished. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /**
   * Evaluates readings just stored (any devices, any order). Resolves when the changes they
   * cause are written; failures are logged, never thrown, so the writer is never disturbed.
   */
  onReadings(readings: readonly MonitorReading[]): Promise<void> {
    if (!this.running || readings.length === 0) return Promise.resolve();
    const now = this.deps.clock.now();
    const byDevice = new Map<DeviceId, MonitorReading[]>();
    for (const reading of readings) {
      // Most readings belong to devices without a rule.
      if (!this.byDevice.has(reading.deviceId)) continue;
      const batch = byDevice.get(reading.deviceId);
      if (batch) batch.push(reading);
      else byDevice.set(reading.deviceId, [reading]);
    }
    const work: Promise<void>[] = [];
    for (const [deviceId, batch] of byDevice) {
      for (const id of this.byDevice.get(deviceId) ?? []) {
        work.push(
          this.enqueue(id, (rule) =>
            this.apply(rule, evaluateReadings(rule.spec, rule.state, batch, now)),
          ),
        );
      }
    }
    return Promise.all(work).then(() => undefined);
  }

  /** Checks offline rules at `now` (the clock's time unless given). */
  tick(now: number = this.deps.clock.now()): Promise<void> {
    if (!this.running) return Promise.resolve();
    const work = [...this.rules.values()]
      .filter((rule) => rule.spec.kind === 'offline')
      .map((rule) =>
        this.enqueue(rule.id, (current) =>
          this.apply(current, evaluateTick(current.spec, current.state, now)),
        ),
      );
    return Promise.all(work).then(() => undefined);
  }

  /** Picks up a rule created, changed or deleted in the database since `start`. */
  reload(ruleId: AlarmRuleId): Promise<void> {
    if (!this.running) return Promise.resolve();
    return this.serialize(ruleId, async () => {
      const [record] = await loadRuleRecords(this.deps.db, { ruleId });
      if (!record) {
        this.untrack(ruleId);
        return;
      }
      const open = await findRulesWithOpenAlarm(this.deps.db, [ruleId]);
      this.track(record, open.has(ruleId));
    });
  }

  /** Picks up every rule of a device again (its expected interval changed, or it was deleted). */
  async reloadDevice(deviceId: DeviceId): Promise<void> {
    if (!this.running) return;
    const records = await loadRuleRecords(this.deps.db, { deviceId });
    const ids = new Set([...(this.byDevice.get(deviceId) ?? []), ...records.map((r) => r.rule.id)]);
    await Promise.all([...ids].map((id) => this.reload(id)));
  }

  private track(record: RuleRecord, hasOpenAlarm: boolean): void {
    const { rule } = record;
    const spec = ruleSpec(rule, record.expectedIntervalSeconds);
    const stored = parseRuleState(rule.state, initialState(spec.kind, rule.created_at));
    // The open alarm row is the truth about firing (it is written with the state, but it is the
    // one the unique index guards). Data stored while no monitor listened still counts as seen.
    const state: RuleState = { ...stored, firing: hasOpenAlarm };
    if (spec.kind === 'offline' && record.lastSeenAt !== null) {
      state.lastTs = Math.max(state.lastTs ?? record.lastSeenAt, record.lastSeenAt);
    }
    this.untrack(rule.id);
    this.rules.set(rule.id, {
      id: rule.id,
      deviceId: rule.device_id,
      machineId: record.machineId,
      kind: rule.kind,
      key: rule.key,
      spec,
      state,
    });
    const ids = this.byDevice.get(rule.device_id) ?? new Set<AlarmRuleId>();
    ids.add(rule.id);
    this.byDevice.set(rule.device_id, ids);
  }

  private untrack(ruleId: AlarmRuleId): void {
    const rule = this.rules.get(ruleId);
    if (!rule) return;
    this.rules.delete(ruleId);
    const ids = this.byDevice.get(rule.deviceId);
    ids?.delete(ruleId);
    if (ids?.size === 0) this.byDevice.delete(rule.deviceId);
  }

  /** Runs `task` after everything queued for the rule; a failure is logged and ends only it. */
  private serialize(ruleId: AlarmRuleId, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(ruleId) ?? Promise.resolve();
    const next = previous.then(task).catch((err: unknown) => {
      this.deps.log.error({ err, ruleId }, 'alarm rule evaluation failed');
    });
    this.queues.set(ruleId, next);
    void next.then(() => {
      if (this.queues.get(ruleId) === next) this.queues.delete(ruleId);
    });
    return next;
  }

  /** Queues work on a rule with its state as it is when the work runs (not when it was queued). */
  private enqueue(ruleId: AlarmRuleId, task: (rule: TrackedRule) => Promise<void>): Promise<void> {
    return this.serialize(ruleId, async () => {
      const rule = this.rules.get(ruleId);
      if (rule) await task(rule);
    });
  }

  /**
   * Stores an evaluation: transitions and the new state in one transaction. A state that moved
   * only its newest reading time is kept in memory alone, so that steady data costs no writes.
   */
  private async apply(rule: TrackedRule, evaluation: Evaluation): Promise<void> {
    const { state, transitions } = evaluation;
    if (transitions.length === 0 && !isSignificantChange(rule.state, state)) {
      rule.state = state;
      return;
    }
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        for (const transition of transitions) {
          if ('open' in transition) {
            await insertAlarm(trx, {
              id: newId(),
              rule_id: rule.id,
              machine_id: rule.machineId,
              device_id: rule.deviceId,
              kind: rule.kind,
              key: rule.key,
              value: transition.open.value,
              opened_at: transition.open.at,
              closed_at: null,
            });
          } else {
            await closeOpenAlarm(trx, rule.id, transition.close.at);
          }
        }
        await saveRuleState(trx, rule.id, serializeRuleState(state));
      });
      rule.state = state;
    } catch (err) {
      const [record] = await loadRuleRecords(this.deps.db, { ruleId: rule.id });
      // The rule, its device or its machine was deleted without telling the monitor.
      if (!record) {
        this.untrack(rule.id);
        return;
      }
      if (!isUniqueViolation(err)) throw err;
      // Another evaluation over the same database (a second process) opened this rule's alarm
      // first. Its alarm stands; take over the state it stored.
      this.deps.log.warn({ ruleId: rule.id }, 'alarm already opened elsewhere; state reloaded');
      this.track(record, true);
    }
  }
}
