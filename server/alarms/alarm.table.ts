// Table types of alarms: rules per device key (with their persisted evaluation state) and alarms.
import type { Insertable, Selectable } from 'kysely';
import type { AlarmId, AlarmRuleId, DeviceId, MachineId } from '../../shared/ids.js';

/** The kinds of alarm rule. */
export type AlarmKind = 'above' | 'below' | 'offline';

/** A rule: threshold rules use key/threshold/hysteresis/min_duration_seconds, offline uses intervals. */
export interface AlarmRulesTable {
  id: AlarmRuleId;
  device_id: DeviceId;
  kind: AlarmKind;
  key: string | null;
  threshold: number | null;
  hysteresis: number | null;
  min_duration_seconds: number | null;
  intervals: number | null;
  /** JSON of the rule's evaluation state. */
  state: string;
  created_at: number;
}

/** An alarm; at most one per rule has `closed_at` null. */
export interface AlarmsTable {
  id: AlarmId;
  rule_id: AlarmRuleId;
  machine_id: MachineId;
  device_id: DeviceId;
  kind: AlarmKind;
  key: string | null;
  value: number | null;
  opened_at: number;
  closed_at: number | null;
}

/** An alarm rule row. */
export type AlarmRuleRow = Selectable<AlarmRulesTable>;
/** A new alarm rule row. */
export type NewAlarmRuleRow = Insertable<AlarmRulesTable>;
/** An alarm row. */
export type AlarmRow = Selectable<AlarmsTable>;
