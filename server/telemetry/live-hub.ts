// Live values for open machine pages and shared call panels. After every commit the hub groups
// the new readings by machine and pushes them to that machine's listeners, each device's values at
// most 4 times a second (at least LIVE_PUSH_INTERVAL_MS apart): a device that sends a value now and
// then is seen without delay, a chatty one gets its values batched, and no value waits longer than
// one interval. The values of all devices that are due at the same moment travel in one push.
// In-process for now; a Redis or NATS fan-out would take its place behind the same two methods
// for several processes.
import { LIVE_PUSH_INTERVAL_MS } from '../../shared/api/machines.js';
import type { LiveValue } from '../../shared/api/machines.js';
import type { DeviceId, MachineId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import type { StoredReading } from './store.js';

/** Receives a machine's new values, oldest first. */
export type LiveListener = (values: LiveValue[]) => void;

// A slow page must not make the hub hold an unbounded backlog: newest values per push.
const MAX_VALUES_PER_PUSH = 2_000;

interface MachineChannel {
  listeners: Set<LiveListener>;
  /** Values not yet pushed, per device, oldest first. */
  pending: Map<DeviceId, LiveValue[]>;
  /** performance.now() of each device's latest push. */
  pushedAt: Map<DeviceId, number>;
  timer: NodeJS.Timeout | undefined;
}

/** Fans committed readings out to the listeners of their machines. */
export class LiveHub {
  private readonly channels = new Map<MachineId, MachineChannel>();
  private readonly machineOf = new Map<DeviceId, MachineId | null>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly intervalMs = LIVE_PUSH_INTERVAL_MS,
  ) {}

  /** Listens to a machine's live values; returns the function that stops listening. */
  subscribe(machineId: MachineId, listener: LiveListener): () => void {
    let channel = this.channels.get(machineId);
    if (!channel) {
      channel = { listeners: new Set(), pending: new Map(), pushedAt: new Map(), timer: undefined };
      this.channels.set(machineId, channel);
    }
    channel.listeners.add(listener);
    return () => {
      const current = this.channels.get(machineId);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        clearTimeout(current.timer);
        this.channels.delete(machineId);
      }
    };
  }

  /** Takes readings that were just committed (the writer's after-commit listener). */
  publish(readings: readonly StoredReading[]): void {
    if (this.channels.size === 0) return;
    void this.route(readings).catch((err: unknown) =>
      this.log.error({ err }, 'live values not routed'),
    );
  }

  /** Stops every timer; listeners get nothing more. */
  close(): void {
    for (const channel of this.channels.values()) clearTimeout(channel.timer);
    this.channels.clear();
  }

  private async route(readings: readonly StoredReading[]): Promise<void> {
    const unknown = [...new Set(readings.map((r) => r.deviceId))].filter(
      (id) => !this.machineOf.has(id),
    );
    if (unknown.length > 0) {
      const rows = await this.db
        .selectFrom('devices')
        .select(['id', 'machine_id'])
        .where('id', 'in', unknown)
        .execute();
      for (const id of unknown) this.machineOf.set(id, null);
      for (const row of rows) this.machineOf.set(row.id, row.machine_id);
    }
    const touched = new Set<MachineChannel>();
    for (const r of readings) {
      const machineId = this.machineOf.get(r.deviceId);
      const channel = machineId ? this.channels.get(machineId) : undefined;
      if (!channel) continue;
      const value = { deviceId: r.deviceId, key: r.key, ts: r.ts, value: r.value };
      const pending = channel.pending.get(r.deviceId);
      if (pending) pending.push(value);
      else channel.pending.set(r.deviceId, [value]);
      touched.add(channel);
    }
    for (const channel of touched) this.push(channel);
  }

  /**
   * Pushes the values of every device whose last push is at least one interval ago, in one call
   * per listener, and arms the timer for the next device that becomes due.
   */
  private push(channel: MachineChannel): void {
    clearTimeout(channel.timer);
    channel.timer = undefined;
    const now = performance.now();
    let values: LiveValue[] = [];
    let nextDue = Infinity;
    for (const [deviceId, pending] of channel.pending) {
      const due = (channel.pushedAt.get(deviceId) ?? -Infinity) + this.intervalMs;
      if (due > now) {
        nextDue = Math.min(nextDue, due);
        continue;
      }
      values = values.length === 0 ? pending : values.concat(pending);
      channel.pending.delete(deviceId);
      channel.pushedAt.set(deviceId, now);
    }
    // Timers count whole milliseconds: one that fires a fraction early finds nothing due and
    // waits again, so two pushes of a device are never closer than the interval.
    if (nextDue < Infinity) {
      channel.timer = setTimeout(() => this.push(channel), Math.ceil(nextDue - now));
    }
    if (values.length === 0) return;
    values = values.slice(-MAX_VALUES_PER_PUSH).sort((a, b) => a.ts - b.ts);
    for (const listener of channel.listeners) {
      try {
        listener(values);
      } catch (err) {
        this.log.error({ err }, 'live listener failed');
      }
    }
  }
}
