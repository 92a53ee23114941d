// A byte-level guard in front of the MQTT parser. mqtt-packet buffers a whole packet before the
// broker sees it, and MQTT allows packets of 256 MB, so a client (even before it authenticates)
// could make the broker hold that much memory. The guard reads each packet's fixed header and
// cuts the connection as soon as a packet announces more than the limit.
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

/** Raised (as the stream's error) when a packet is larger than allowed or malformed. */
export class PacketTooLargeError extends Error {
  override name = 'PacketTooLargeError';
}

/** Passes MQTT bytes through unchanged while no packet's remaining length exceeds `maxRemaining`. */
export class MqttPacketGuard extends Transform {
  // Bytes of the current packet's body still to pass, or -1 while reading a fixed header.
  private skip = 0;
  private inLength = false;
  private length = 0;
  private multiplier = 1;

  constructor(private readonly maxRemaining: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
      } else if (!this.inLength) {
        // The first byte of a fixed header: packet type and flags.
        i++;
        this.inLength = true;
        this.length = 0;
        this.multiplier = 1;
      } else {
        const byte = chunk[i++] ?? 0;
        this.length += (byte & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        if ((byte & 0x80) === 0) {
          if (this.length > this.maxRemaining) {
            done(new PacketTooLargeError(`MQTT packet of ${this.length} bytes`));
            return;
          }
          this.inLength = false;
          this.skip = this.length;
        } else if (this.multiplier > 128 ** 4) {
          done(new PacketTooLargeError('malformed MQTT remaining length'));
          return;
        }
      }
    }
    done(null, chunk);
  }
}
