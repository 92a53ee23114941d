// Which device a token belongs to, for the MQTT broker and the HTTP ingest route. Lookups are
// cached in memory by token hash; the device service calls `forget` after every rotation,
// revocation or deletion, so that the old token is refused on the very next `authenticate`.
import type { DeviceId, MachineId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { addRejectedCount, findDeviceByTokenHash } from './device.repository.js';
import { hashDeviceToken, looksLikeDeviceToken } from './device-token.js';

/** The device a valid token belongs to, and its machine. */
export interface DeviceAuth {
  readonly deviceId: DeviceId;
  readonly machineId: MachineId;
}

/** Most devices whose tokens the directory keeps in memory unless told otherwise. */
export const DEFAULT_MAX_CACHED_DEVICES = 10_000;

/**
 * How long a cached lookup is trusted. Changes made in this process take effect at once
 * (`forget`); a rotation by another process (the simulator, a second instance) within this time.
 */
export const DEFAULT_CACHE_TTL_MS = 30_000;

/** Options of the DeviceDirectory. */
export interface DeviceDirectoryOptions {
  /** Most tokens kept in memory; the least recently used is dropped beyond it. */
  maxCached?: number;
  /** How long a cached lookup is trusted (default DEFAULT_CACHE_TTL_MS). */
  ttlMs?: number;
  /** The time, in epoch ms (tests pass a fake clock's). */
  now?: () => number;
}

/** Called when a device's token changed or the device was deleted. */
export type ForgetListener = (deviceId: DeviceId) => void;

interface CacheEntry {
  auth: DeviceAuth;
  at: number;
}

/**
 * Resolves device tokens to devices, one instance per process (shared by the broker, the ingest
 * route and the device service). Only valid tokens are cached, so garbage cannot fill the cache.
 */
export class DeviceDirectory {
  // Insertion order doubles as recency: a hit is moved to the end, the first entry is the oldest.
  private readonly byHash = new Map<string, CacheEntry>();
  private readonly hashOf = new Map<DeviceId, string>();
  private readonly maxCached: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly forgetListeners = new Set<ForgetListener>();
  // Bumped by every `forget`: a lookup that was in flight meanwhile may have read the old token
  // and must not put it into the cache.
  private generation = 0;

  constructor(
    private readonly db: Db,
    opts: DeviceDirectoryOptions = {},
  ) {
    this.maxCached = Math.max(1, opts.maxCached ?? DEFAULT_MAX_CACHED_DEVICES);
    this.ttlMs = opts.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.now = opts.now ?? Date.now;
  }

  /** How long a lookup is trusted; connected devices are checked again after it. */
  get trustMs(): number {
    return this.ttlMs;
  }

  /** Returns the device a token belongs to, or null for a wrong, revoked or replaced token. */
  async authenticate(token: string): Promise<DeviceAuth | null> {
    if (!looksLikeDeviceToken(token)) return null;
    const hash = hashDeviceToken(token);
    const cached = this.byHash.get(hash);
    if (cached && this.now() - cached.at < this.ttlMs) {
      this.byHash.delete(hash);
      this.byHash.set(hash, cached);
      return cached.auth;
    }
    const generation = this.generation;
    const row = await findDeviceByTokenHash(this.db, hash);
    if (!row) {
      if (cached) this.drop(hash, cached.auth.deviceId);
      return null;
    }
    const auth: DeviceAuth = Object.freeze({ deviceId: row.id, machineId: row.machine_id });
    if (generation === this.generation) this.remember(hash, auth);
    return auth;
  }

  /** Calls `listener` whenever a device is forgotten (the broker ends its sessions). */
  onForget(listener: ForgetListener): () => void {
    this.forgetListeners.add(listener);
    return () => this.forgetListeners.delete(listener);
  }

  /** Drops a device from the cache; call it after its token changed or it was deleted. */
  forget(deviceId: DeviceId): void {
    this.generation += 1;
    const hash = this.hashOf.get(deviceId);
    if (hash !== undefined) this.drop(hash, deviceId);
    for (const listener of this.forgetListeners) listener(deviceId);
  }

  private drop(hash: string, deviceId: DeviceId): void {
    this.byHash.delete(hash);
    if (this.hashOf.get(deviceId) === hash) this.hashOf.delete(deviceId);
  }

  /** Adds to a device's count of rejected payloads (garbage, bad keys, too large). */
  async recordRejected(deviceId: DeviceId, count: number): Promise<void> {
    if (!Number.isInteger(count) || count <= 0) return;
    await addRejectedCount(this.db, deviceId, count);
  }

  private remember(hash: string, auth: DeviceAuth): void {
    const previous = this.hashOf.get(auth.deviceId);
    if (previous !== undefined) this.byHash.delete(previous);
    this.byHash.delete(hash);
    this.byHash.set(hash, { auth, at: this.now() });
    this.hashOf.set(auth.deviceId, hash);
    while (this.byHash.size > this.maxCached) {
      const [oldestHash, oldest] = this.byHash.entries().next().value as [string, CacheEntry];
      this.drop(oldestHash, oldest.auth.deviceId);
    }
  }
}
