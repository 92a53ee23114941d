// What the alarms feature sends to clients.
import type { AlarmRuleView, AlarmView } from '../../shared/api/machines.js';
import type { AlarmRow, AlarmRuleRow } from './alarm.table.js';

/** Presents a rule to a viewer who may see its machine. */
export function presentAlarmRule(row: AlarmRuleRow): AlarmRuleView {
  if (row.kind === 'offline') {
    return { id: row.id, deviceId: row.device_id, kind: 'offline', intervals: row.intervals ?? 1 };
  }
  return {
    id: row.id,
    deviceId: row.device_id,
    kind: row.kind,
    key: row.key ?? '',
    threshold: row.threshold ?? 0,
    hysteresis: row.hysteresis ?? 0,
    minDurationSeconds: row.min_duration_seconds ?? 0,
  };
}

/** Presents an alarm to a viewer who may see its machine. */
export function presentAlarm(row: AlarmRow): AlarmView {
  return {
    id: row.id,
    ruleId: row.rule_id,
    machineId: row.machine_id,
    deviceId: row.device_id,
    kind: row.kind,
    key: row.key,
    value: row.value,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}
