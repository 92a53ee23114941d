// Shapes of the live machine data API's answers, shared by the server's presenters and the client.
import type { AlarmId, AlarmRuleId, CompanyId, ContactId, DeviceId, MachineId } from '../ids.js';

/** Chart ranges a machine page offers, with their length in milliseconds. */
export const CHART_RANGES = {
  '10m': 10 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
  '30d': 30 * 24 * 60 * 60_000,
} as const;
/** One of the chart ranges. */
export type ChartRange = keyof typeof CHART_RANGES;

/** Most points per series a chart query returns (downsampled with LTTB above this). */
export const MAX_CHART_POINTS = 1000;

/** Most alarm rules one device may have: enough for every key, few enough to evaluate per batch. */
export const MAX_ALARM_RULES_PER_DEVICE = 20;

/** A device's live values reach a browser at most this often (4 pushes a second). */
export const LIVE_PUSH_INTERVAL_MS = 250;

/** Expected seconds between a new device's messages unless the seller gives another. */
export const DEFAULT_EXPECTED_INTERVAL_SECONDS = 60;
/** Longest expected interval a device may have (one day). */
export const MAX_EXPECTED_INTERVAL_SECONDS = 86_400;

/** What a reading key means, for display. */
export interface KeyMetaView {
  key: string;
  displayName: string | null;
  unit: string | null;
  meaning: string | null;
}

/** A device (sensor) of a machine; its token is never part of this view. */
export interface DeviceView {
  id: DeviceId;
  machineId: MachineId;
  name: string;
  /** Expected seconds between messages; the offline rule counts in multiples of it. */
  expectedIntervalSeconds: number;
  keys: KeyMetaView[];
  /** Device time of the newest reading, or null if none has arrived. */
  lastSeenAt: number | null;
  /** Payloads rejected since provisioning (garbage, bad keys, too large). */
  rejectedCount: number;
  /** False once the token is revoked; the device can no longer publish. */
  active: boolean;
  createdAt: number;
}

/** Online means data arrived within the offline threshold; otherwise offline since `lastSeenAt`. */
export interface MachineStatusView {
  online: boolean;
  lastSeenAt: number | null;
}

/** A machine as its seller sees it. */
export interface MachineView {
  id: MachineId;
  name: string;
  companyId: CompanyId;
  companyName: string;
  /** The customer contact that alarms of this machine put on the Today list, if any. */
  contactId: ContactId | null;
  status: MachineStatusView;
  devices: DeviceView[];
  openAlarms: number;
  createdAt: number;
}

/** Returned once when a device is provisioned or its token rotated; the token is never shown again. */
export interface DeviceTokenView {
  device: DeviceView;
  token: string;
  /** How the device reaches the MQTT broker Nahbar takes telemetry from. */
  mqtt: MqttConnectionView;
}

/** Where and how a device publishes over MQTT, as this Nahbar is set up. */
export interface MqttConnectionView {
  /** The broker's host; null for the host the page came from (Nahbar's embedded broker). */
  host: string | null;
  port: number;
  /** The topic the device publishes its telemetry to. */
  topic: string;
  /**
   * The token is the MQTT user name (the embedded broker). An external broker has accounts of
   * its own, and the token goes into the topic instead.
   */
  tokenIsUsername: boolean;
}

/** One point of a chart series: time, average, min and max of the bucket (raw: all equal). */
export type SeriesPoint = [ts: number, avg: number, min: number, max: number];

/** One series of a chart. */
export interface SeriesView {
  deviceId: DeviceId;
  key: string;
  points: SeriesPoint[];
}

/** A chart query's answer: every series of a machine in [from, to]. */
export interface MachineSeriesView {
  machineId: MachineId;
  from: number;
  to: number;
  series: SeriesView[];
}

/** One live value, as pushed to a browser. */
export interface LiveValue {
  deviceId: DeviceId;
  key: string;
  ts: number;
  value: number;
}

/** A rule per key: above or below a threshold (with hysteresis and minimum duration), or offline. */
export type AlarmRuleView =
  | {
      id: AlarmRuleId;
      deviceId: DeviceId;
      kind: 'above' | 'below';
      key: string;
      threshold: number;
      hysteresis: number;
      minDurationSeconds: number;
    }
  | {
      id: AlarmRuleId;
      deviceId: DeviceId;
      kind: 'offline';
      /** Fires when no data arrives for this many times the device's expected interval. */
      intervals: number;
    };

/** One alarm: opened when a rule fired, closed when its clear condition held. */
export interface AlarmView {
  id: AlarmId;
  ruleId: AlarmRuleId;
  machineId: MachineId;
  deviceId: DeviceId;
  kind: 'above' | 'below' | 'offline';
  key: string | null;
  /** The value that fired it (null for offline). */
  value: number | null;
  openedAt: number;
  closedAt: number | null;
}

/** A machine as a customer sees it inside a call: name, status and what each series means. */
export interface SharedMachineView {
  id: MachineId;
  name: string;
  status: MachineStatusView;
  keys: (KeyMetaView & { deviceId: DeviceId })[];
}
