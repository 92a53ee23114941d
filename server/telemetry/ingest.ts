// One path from a device's payload to committed readings, shared by the embedded MQTT broker,
// the external-broker bridge and the HTTP route: normalise, count and log what was refused,
// submit what was read, and resolve only once it is committed, so that an acknowledgement
// (PUBACK, HTTP 200) always means "stored".
import type { DeviceAuth, DeviceDirectory } from '../machines/device-auth.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { parseTelemetry } from './payload.js';
import type { TelemetryRejection } from './payload.js';
import type { StoredReading } from './store.js';
import type { SubmitOptions, TelemetryWriter } from './writer.js';

const UNTIL_QUEUED: SubmitOptions = { until: 'queued' };

/** What became of one payload. */
export interface IngestOutcome {
  /** Readings committed. */
  stored: number;
  /** Refusals (whole payload or single keys), already counted on the device and logged. */
  rejected: TelemetryRejection[];
}

/** What TelemetryIngest needs. */
export interface TelemetryIngestOptions {
  directory: DeviceDirectory;
  writer: TelemetryWriter;
  clock: Clock;
  log: Logger;
}

/** Turns device payloads into committed readings. */
export class TelemetryIngest {
  constructor(private readonly opts: TelemetryIngestOptions) {}

  /**
   * Stores the readings of one payload of an authenticated device. Resolves after the commit (or
   * once queued, with `until: 'queued'`); rejects when storing failed (the caller must then not
   * acknowledge). Garbage never rejects:
   * it is counted on the device, logged with its reason, and reported in the outcome.
   */
  async ingest(
    device: DeviceAuth,
    bytes: Uint8Array,
    options?: SubmitOptions,
  ): Promise<IngestOutcome> {
    const { readings, outcome } = this.read(device, bytes);
    if (readings.length > 0) await this.opts.writer.submit(readings, options);
    return outcome;
  }

  /**
   * The same for a sender that gets no acknowledgement (MQTT QoS 0), as `until: 'queued'`, but
   * without a promise in the usual case: the outcome comes back at once when the readings could
   * be queued at once, and as a promise only when they wait for room. That spares the broker a
   * promise, its callbacks and a microtask for each of 100,000 or more messages a second.
   */
  ingestUnacknowledged(
    device: DeviceAuth,
    bytes: Uint8Array,
  ): IngestOutcome | Promise<IngestOutcome> {
    const { readings, outcome } = this.read(device, bytes);
    if (readings.length === 0 || this.opts.writer.queueNow(readings)) return outcome;
    return this.opts.writer.submit(readings, UNTIL_QUEUED).then(() => outcome);
  }

  // Normalises a payload, counts and logs what was refused, and returns the readings to store.
  private read(
    device: DeviceAuth,
    bytes: Uint8Array,
  ): { readings: StoredReading[]; outcome: IngestOutcome } {
    const receivedAt = this.opts.clock.now();
    const result = parseTelemetry(bytes, receivedAt);
    if (result.rejected.length > 0) {
      this.opts.log.warn(
        { deviceId: device.deviceId, rejected: result.rejected.slice(0, 10) },
        'telemetry refused',
      );
      // Counting is bookkeeping; a failure to count must not fail the readings that were fine.
      this.opts.directory
        .recordRejected(device.deviceId, result.rejected.length)
        .catch((err: unknown) => this.opts.log.error({ err }, 'could not count refused telemetry'));
    }
    const readings = result.readings.map((r) => ({
      deviceId: device.deviceId,
      key: r.key,
      ts: r.ts,
      value: r.value,
      receivedAt: r.receivedAt,
    }));
    return { readings, outcome: { stored: readings.length, rejected: result.rejected } };
  }
}
