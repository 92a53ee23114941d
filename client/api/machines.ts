// Typed calls of the live machine data API: machines of customers' companies, their devices and
// tokens (shown once), what each reading key means, chart series, alarms and alarm rules. The
// live values come as server-sent events from `liveValuesUrl` (see client/machines/live.ts).
import type {
  AlarmRuleView,
  AlarmView,
  ChartRange,
  DeviceTokenView,
  DeviceView,
  MachineSeriesView,
  MachineView,
  SharedMachineView,
} from '../../shared/api/machines';
import type { AlarmRuleId, CompanyId, ContactId, DeviceId, MachineId } from '../../shared/ids';
import { api } from './http';

export type {
  AlarmRuleView,
  AlarmView,
  ChartRange,
  DeviceTokenView,
  DeviceView,
  KeyMetaView,
  LiveValue,
  MachineSeriesView,
  MachineStatusView,
  MachineView,
  MqttConnectionView,
  SeriesPoint,
  SeriesView,
  SharedMachineView,
} from '../../shared/api/machines';

const machinePath = (id: MachineId) => `/api/machines/${encodeURIComponent(id)}`;
const devicePath = (id: DeviceId) => `/api/devices/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The series endpoint under a machine's path (its own or a grant's), for a range ending at `end`. */
function seriesPath(base: string, range: ChartRange, end: number | null): string {
  const query = new URLSearchParams({ range });
  if (end !== null) query.set('end', String(Math.round(end)));
  return `${base}/series?${query.toString()}`;
}

/** The machines the viewer may see (their own; the account owner sees all). */
export async function fetchMachines(signal?: AbortSignal): Promise<MachineView[]> {
  const body = await api<{ machines: MachineView[] }>(
    '/api/machines?limit=200',
    withSignal(signal),
  );
  return body.machines;
}

/** A new machine: its name, the customer's company and optionally that company's contact. */
export interface NewMachine {
  name: string;
  companyId: CompanyId;
  contactId: ContactId | null;
}

/** Creates a machine for a customer's company. */
export async function createMachine(machine: NewMachine): Promise<MachineView> {
  const body = await api<{ machine: MachineView }>('/api/machines', {
    method: 'POST',
    body: machine,
  });
  return body.machine;
}

/** One machine with its devices, status and open alarm count. */
export async function fetchMachine(id: MachineId, signal?: AbortSignal): Promise<MachineView> {
  const body = await api<{ machine: MachineView }>(machinePath(id), withSignal(signal));
  return body.machine;
}

/** Changes a machine's name, company or contact (null clears the contact). */
export async function updateMachine(
  id: MachineId,
  change: { name?: string; companyId?: CompanyId; contactId?: ContactId | null },
): Promise<MachineView> {
  const body = await api<{ machine: MachineView }>(machinePath(id), {
    method: 'PATCH',
    body: change,
  });
  return body.machine;
}

/** Deletes a machine with its devices and data. */
export async function deleteMachine(id: MachineId): Promise<void> {
  await api<void>(machinePath(id), { method: 'DELETE' });
}

/** Every series of a machine over a range ending now, or ending at `end` (epoch ms). */
export async function fetchMachineSeries(
  id: MachineId,
  range: ChartRange,
  end: number | null,
  signal?: AbortSignal,
): Promise<MachineSeriesView> {
  return api<MachineSeriesView>(seriesPath(machinePath(id), range, end), withSignal(signal));
}

/** Where a machine's live values stream from (text/event-stream, same-origin cookies). */
export function liveValuesUrl(id: MachineId): string {
  return `${machinePath(id)}/live`;
}

/** Provisions a device; the answer holds its token, which is never shown again. */
export async function provisionDevice(
  machineId: MachineId,
  device: { name: string; expectedIntervalSeconds: number },
): Promise<DeviceTokenView> {
  return api<DeviceTokenView>(`${machinePath(machineId)}/devices`, {
    method: 'POST',
    body: device,
  });
}

/** Renames a device or changes its expected interval. */
export async function updateDevice(
  id: DeviceId,
  change: { name?: string; expectedIntervalSeconds?: number },
): Promise<DeviceView> {
  const body = await api<{ device: DeviceView }>(devicePath(id), { method: 'PATCH', body: change });
  return body.device;
}

/** What a reading key means; empty texts clear a field. */
export interface KeyMetaInput {
  displayName: string | null;
  unit: string | null;
  meaning: string | null;
}

/** Replaces the display name, unit and meaning of one reading key. */
export async function setKeyMeta(
  id: DeviceId,
  key: string,
  meta: KeyMetaInput,
): Promise<DeviceView> {
  const body = await api<{ device: DeviceView }>(
    `${devicePath(id)}/keys/${encodeURIComponent(key)}`,
    { method: 'PUT', body: meta },
  );
  return body.device;
}

/** Issues a new token for a device; the old one stops working at once. */
export async function rotateDeviceToken(id: DeviceId): Promise<DeviceTokenView> {
  return api<DeviceTokenView>(`${devicePath(id)}/token`, { method: 'POST' });
}

/** Revokes a device's token; the device can no longer publish until a new one is issued. */
export async function revokeDeviceToken(id: DeviceId): Promise<void> {
  await api<void>(`${devicePath(id)}/token`, { method: 'DELETE' });
}

/** Deletes a device with its readings. */
export async function deleteDevice(id: DeviceId): Promise<void> {
  await api<void>(devicePath(id), { method: 'DELETE' });
}

/** The open and recent alarms of a machine. */
export async function fetchMachineAlarms(
  id: MachineId,
  signal?: AbortSignal,
): Promise<AlarmView[]> {
  const body = await api<{ alarms: AlarmView[] }>(`${machinePath(id)}/alarms`, withSignal(signal));
  return body.alarms;
}

/** The alarm rules of a device. */
export async function fetchAlarmRules(
  id: DeviceId,
  signal?: AbortSignal,
): Promise<AlarmRuleView[]> {
  const body = await api<{ rules: AlarmRuleView[] }>(
    `${devicePath(id)}/alarm-rules`,
    withSignal(signal),
  );
  return body.rules;
}

/** A new alarm rule: a threshold on a key, or silence for a number of expected intervals. */
export type NewAlarmRule =
  | {
      kind: 'above' | 'below';
      key: string;
      threshold: number;
      hysteresis: number;
      minDurationSeconds: number;
    }
  | { kind: 'offline'; intervals: number };

/** Adds an alarm rule to a device. */
export async function createAlarmRule(id: DeviceId, rule: NewAlarmRule): Promise<AlarmRuleView> {
  const body = await api<{ rule: AlarmRuleView }>(`${devicePath(id)}/alarm-rules`, {
    method: 'POST',
    body: rule,
  });
  return body.rule;
}

/** Deletes an alarm rule. */
export async function deleteAlarmRule(id: AlarmRuleId): Promise<void> {
  await api<void>(`/api/alarm-rules/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// A machine shared into a call, read through the participant's grant (no account needed).
const sharedPath = (grant: string) => `/api/shared/${encodeURIComponent(grant)}`;

/** The shared machine's name, status and what its series mean. */
export async function fetchSharedMachine(
  grant: string,
  signal?: AbortSignal,
): Promise<SharedMachineView> {
  return api<SharedMachineView>(sharedPath(grant), withSignal(signal));
}

/** Every series of the shared machine over a range ending now, or ending at `end`. */
export async function fetchSharedSeries(
  grant: string,
  range: ChartRange,
  end: number | null,
  signal?: AbortSignal,
): Promise<MachineSeriesView> {
  return api<MachineSeriesView>(seriesPath(sharedPath(grant), range, end), withSignal(signal));
}

/** Where the shared machine's live values stream from while the grant holds. */
export function sharedLiveUrl(grant: string): string {
  return `${sharedPath(grant)}/live`;
}
