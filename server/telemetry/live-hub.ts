// Live values for open machine pages and shared call panels. After every commit the hub groups
// the new readings by machine and pushes them to that machine's listeners at once, but never more
// than 4 times in any second (a sliding window), however fast devices publish: a machine whose
// devices send a few values a second sees each one without delay, a chatty one gets them batched. In-process for now; a
// Redis or NATS fan-out would take its place behind the same two methods for several processes.
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

// Pushes allowed per window: 1 s / LIVE_PUSH_INTERVAL_MS = 4.
const WINDOW_MS = 1_000;

interface MachineChannel {
  listeners: Set<LiveListener>;
  pending: LiveValue[];
  /** Times of the latest pushes, oldest first, at most `perWindow` of them. */
  pushes: number[];
  timer: NodeJS.Timeout | undefined;
}

/** Fans committed readings out to the listeners of their machines. */
export class LiveHub {
  private readonly channels = new Map<MachineId, MachineChannel>();
  private readonly machineOf = new Map<DeviceId, MachineId | null>();
  private readonly perWindow: number;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    intervalMs = LIVE_PUSH_INTERVAL_MS,
  ) {
    this.perWindow = Math.max(1, Math.round(WINDOW_MS / intervalMs));
  }

  /** Listens to a machine's live values; returns the function that stops listening. */
  subscribe(machineId: MachineId, listener: LiveListener): () => void {
    let channel = this.channels.get(machineId);
    if (!channel) {
      channel = { listeners: new Set(), pending: [], pushes: [], timer: undefined };
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
      channel.pending.push({ deviceId: r.deviceId, key: r.key, ts: r.ts, value: r.value });
      touched.add(channel);
    }
    for (const channel of touched) this.schedule(channel);
  }

  /** Pushes now if the window allows, else when its oldest push leaves the window. */
  private schedule(channel: MachineChannel): void {
    if (channel.timer) return;
    const now = Date.now();
    const oldest = channel.pushes.length < this.perWindow ? undefined : channel.pushes[0];
    if (oldest === undefined || now - oldest >= WINDOW_MS) {
      this.push(channel);
      return;
    }
    channel.timer = setTimeout(() => this.push(channel), oldest + WINDOW_MS - now);
  }

  private push(channel: MachineChannel): void {
    channel.timer = undefined;
    channel.pushes.push(Date.now());
    if (channel.pushes.length > this.perWindow) channel.pushes.shift();
    const values = channel.pending.slice(-MAX_VALUES_PER_PUSH).sort((a, b) => a.ts - b.ts);
    channel.pending = [];
    for (const listener of channel.listeners) {
      try {
        listener(values);
      } catch (err) {
        this.log.error({ err }, 'live listener failed');
      }
    }
  }
}
