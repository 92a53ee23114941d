// Whether a machine is online: data arrived from one of its devices within a few of that
// device's expected intervals.
import type { MachineStatusView } from '../../shared/api/machines.js';
import type { DeviceRow } from './machine.table.js';

/** A device counts as silent after this many of its expected intervals without data. */
export const OFFLINE_AFTER_INTERVALS = 3;

/** Computes a machine's status from its devices at time `now` (epoch ms). */
export function computeMachineStatus(
  devices: Pick<DeviceRow, 'last_seen_at' | 'expected_interval_seconds'>[],
  now: number,
): MachineStatusView {
  let lastSeenAt: number | null = null;
  let online = false;
  for (const device of devices) {
    if (device.last_seen_at === null) continue;
    if (lastSeenAt === null || device.last_seen_at > lastSeenAt) lastSeenAt = device.last_seen_at;
    const threshold = device.expected_interval_seconds * OFFLINE_AFTER_INTERVALS * 1000;
    if (now - device.last_seen_at <= threshold) online = true;
  }
  return { online, lastSeenAt };
}
