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

/** Options of the DeviceDirectory. */
export interface DeviceDirectoryOptions {
  /** Most tokens kept in memory; the least recently used is dropped beyond it. */
  maxCached?: number;
}

/**
 * Resolves device tokens to devices, one instance per process (shared by the broker, the ingest
 * route and the device service). Only valid tokens are cached, so garbage cannot fill the cache.
 */
export class DeviceDirectory {
  // Insertion order doubles as recency: a hit is moved to the end, the first entry is the oldest.
  private readonly byHash = new Map<string, DeviceAuth>();
  private readonly hashOf = new Map<DeviceId, string>();
  private readonly maxCached: number;
  // Bumped by every `forget`: a lookup that was in flight meanwhile may have read the old token
  // and must not put it into the cache.
  private generation = 0;

  constructor(
    private readonly db: Db,
    opts: DeviceDirectoryOptions = {},
  ) {
    this.maxCached = Math.max(1, opts.maxCached ?? DEFAULT_MAX_CACHED_DEVICES);
  }

  /** Returns the device a token belongs to, or null for a wrong, revoked or replaced token. */
  async authenticate(token: string): Promise<DeviceAuth | null> {
    if (!looksLikeDeviceToken(token)) return null;
    const hash = hashDeviceToken(token);
    const cached = this.byHash.get(hash);
    if (cached) {
      this.byHash.delete(hash);
      this.byHash.set(hash, cached);
      return cached;
    }
    const generation = this.generation;
    const row = await findDeviceByTokenHash(this.db, hash);
    if (!row) return null;
    const auth: DeviceAuth = Object.freeze({ deviceId: row.id, machineId: row.machine_id });
    if (generation === this.generation) this.remember(hash, auth);
    return auth;
  }

  /** Drops a device from the cache; call it after its token changed or it was deleted. */
  forget(deviceId: DeviceId): void {
    this.generation += 1;
    const hash = this.hashOf.get(deviceId);
    if (hash === undefined) return;
    this.hashOf.delete(deviceId);
    this.byHash.delete(hash);
  }

  /** Adds to a device's count of rejected payloads (garbage, bad keys, too large). */
  async recordRejected(deviceId: DeviceId, count: number): Promise<void> {
    if (!Number.isInteger(count) || count <= 0) return;
    await addRejectedCount(this.db, deviceId, count);
  }

  private remember(hash: string, auth: DeviceAuth): void {
    const previous = this.hashOf.get(auth.deviceId);
    if (previous !== undefined) this.byHash.delete(previous);
    this.byHash.set(hash, auth);
    this.hashOf.set(auth.deviceId, hash);
    while (this.byHash.size > this.maxCached) {
      const [oldestHash, oldest] = this.byHash.entries().next().value as [string, DeviceAuth];
      this.byHash.delete(oldestHash);
      this.hashOf.delete(oldest.deviceId);
    }
  }
}
