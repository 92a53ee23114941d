// Per-minute rollups computed in memory: a batch is summed up by (device, key, minute) first, so
// that the database sees one upsert per minute of a series instead of one per reading.
import type { DeviceId } from '../../shared/ids.js';

/** Length of one rollup bucket. */
export const ROLLUP_MS = 60_000;

/** Start of the minute that contains `ts` (epoch ms, not negative). */
export function minuteOf(ts: number): number {
  return ts - (ts % ROLLUP_MS);
}

/** The aggregate of one minute of one series. */
export interface MinuteRollup {
  deviceId: DeviceId;
  key: string;
  minute: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Sums readings up per (device, key, minute). */
export class RollupAccumulator {
  private readonly groups = new Map<string, MinuteRollup>();

  /** Adds one reading. */
  add(deviceId: DeviceId, key: string, ts: number, value: number): void {
    const minute = minuteOf(ts);
    // NUL cannot occur in an id or a key (both are checked before they get here).
    const id = `${deviceId}\u0000${key}\u0000${minute}`;
    const group = this.groups.get(id);
    if (group === undefined) {
      this.groups.set(id, { deviceId, key, minute, count: 1, sum: value, min: value, max: value });
      return;
    }
    group.count++;
    group.sum += value;
    if (value < group.min) group.min = value;
    if (value > group.max) group.max = value;
  }

  /** The rollups so far, in no particular order. */
  rollups(): IterableIterator<MinuteRollup> {
    return this.groups.values();
  }
}
