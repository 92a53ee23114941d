// Readings in columns: each distinct device id and key once, the numbers in typed arrays. The
// writer queues readings in this form as they arrive, the stores write it, and it travels to the
// SQLite writer thread as it is.
//
// Why columns: at 100,000 or more readings a second, readings held as objects while they wait
// for their batch (20 ms and the write before them) were alive at nearly every scavenge of the
// young generation, so V8 copied them, promoted them and later marked them: about 14 % of the main
// thread went to garbage collection. A queued reading is now 40 bytes in two typed arrays, whose
// contents the collector never copies; the objects a payload is parsed into die young.
import type { DeviceId } from '../../shared/ids.js';
import type { StoredReading } from './store.js';

/** A batch as it is posted to another thread: plain arrays and two transferable typed arrays. */
export interface EncodedBatch {
  deviceIds: DeviceId[];
  keys: string[];
  /** Per reading: the index of its device id, then of its key. */
  refs: Uint32Array<ArrayBuffer>;
  /** Per reading: ts, value, receivedAt. */
  numbers: Float64Array<ArrayBuffer>;
}

const INITIAL_CAPACITY = 256;

/** Readings of any devices, in the order added, stored column-wise. */
export class ReadingBatch {
  private readonly deviceIds: DeviceId[] = [];
  private readonly keys: string[] = [];
  private readonly deviceIndex = new Map<string, number>();
  private readonly keyIndex = new Map<string, number>();
  private refs: Uint32Array<ArrayBuffer>;
  private numbers: Float64Array<ArrayBuffer>;
  private count = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.refs = new Uint32Array(2 * capacity);
    this.numbers = new Float64Array(3 * capacity);
  }

  /** A batch of `readings`; throws a TypeError as `add` does. */
  static of(readings: readonly StoredReading[]): ReadingBatch {
    const batch = new ReadingBatch(Math.max(readings.length, 1));
    for (const r of readings) batch.add(r);
    return batch;
  }

  /** The batch another thread encoded. */
  static decode(encoded: EncodedBatch): ReadingBatch {
    const count = encoded.refs.length / 2;
    const batch = new ReadingBatch(0);
    batch.refs = encoded.refs;
    batch.numbers = encoded.numbers;
    batch.count = count;
    for (const id of encoded.deviceIds) batch.remember(batch.deviceIds, batch.deviceIndex, id);
    for (const key of encoded.keys) batch.remember(batch.keys, batch.keyIndex, key);
    return batch;
  }

  /** Number of readings. */
  get length(): number {
    return this.count;
  }

  /**
   * Appends a reading. Throws a TypeError for a field of the wrong type, which the typed arrays
   * would otherwise turn into a number (null into 0) instead of failing the batch as a database
   * does; values are not checked further (the writer checks them on submit).
   */
  add(r: StoredReading): void {
    if (
      typeof r.deviceId !== 'string' ||
      typeof r.key !== 'string' ||
      typeof r.ts !== 'number' ||
      typeof r.value !== 'number' ||
      typeof r.receivedAt !== 'number'
    ) {
      throw new TypeError(`reading ${this.count} of the batch has a field of the wrong type`);
    }
    if (this.count * 2 === this.refs.length) this.grow();
    let d = this.deviceIndex.get(r.deviceId);
    if (d === undefined) d = this.remember(this.deviceIds, this.deviceIndex, r.deviceId);
    let k = this.keyIndex.get(r.key);
    if (k === undefined) k = this.remember(this.keys, this.keyIndex, r.key);
    const i = this.count++;
    this.refs[2 * i] = d;
    this.refs[2 * i + 1] = k;
    this.numbers[3 * i] = r.ts;
    this.numbers[3 * i + 1] = r.value;
    this.numbers[3 * i + 2] = r.receivedAt;
  }

  deviceId(i: number): DeviceId {
    return this.deviceIds[this.refs[2 * i]!]!;
  }
  key(i: number): string {
    return this.keys[this.refs[2 * i + 1]!]!;
  }
  ts(i: number): number {
    return this.numbers[3 * i]!;
  }
  value(i: number): number {
    return this.numbers[3 * i + 1]!;
  }
  receivedAt(i: number): number {
    return this.numbers[3 * i + 2]!;
  }

  /** Reading `i` as an object. */
  reading(i: number): StoredReading {
    return {
      deviceId: this.deviceId(i),
      key: this.key(i),
      ts: this.ts(i),
      value: this.value(i),
      receivedAt: this.receivedAt(i),
    };
  }

  /** Every reading as an object, in the order added. */
  toReadings(): StoredReading[] {
    const readings = new Array<StoredReading>(this.count);
    for (let i = 0; i < this.count; i++) readings[i] = this.reading(i);
    return readings;
  }

  /**
   * The readings in order of the primary key (device id, key, ts), as indexes: inserting in that
   * order walks the B-tree forwards instead of jumping between series, measured 1.3–1.5 times as
   * fast for 1,000 interleaved devices.
   */
  primaryKeyOrder(): Uint32Array {
    const deviceRank = ranks(this.deviceIds);
    const keyRank = ranks(this.keys);
    const refs = this.refs;
    const numbers = this.numbers;
    const order = new Uint32Array(this.count);
    for (let i = 0; i < this.count; i++) order[i] = i;
    return order.sort(
      (a, b) =>
        deviceRank[refs[2 * a]!]! - deviceRank[refs[2 * b]!]! ||
        keyRank[refs[2 * a + 1]!]! - keyRank[refs[2 * b + 1]!]! ||
        numbers[3 * a]! - numbers[3 * b]!,
    );
  }

  /** A copy for another thread, whose typed arrays may be transferred; the batch stays usable. */
  encode(): EncodedBatch {
    return {
      deviceIds: [...this.deviceIds],
      keys: [...this.keys],
      refs: this.refs.slice(0, 2 * this.count),
      numbers: this.numbers.slice(0, 3 * this.count),
    };
  }

  // Appends a distinct id or key to its list and index; returns its position.
  private remember<T extends string>(list: T[], index: Map<string, number>, value: T): number {
    index.set(value, list.length);
    return list.push(value) - 1;
  }

  private grow(): void {
    const refs = new Uint32Array(Math.max(2 * this.refs.length, 2 * INITIAL_CAPACITY));
    refs.set(this.refs);
    const numbers = new Float64Array(Math.max(2 * this.numbers.length, 3 * INITIAL_CAPACITY));
    numbers.set(this.numbers);
    this.refs = refs;
    this.numbers = numbers;
  }
}

// The rank of each string in code unit order (the order SQLite's BINARY collation and `<` use).
function ranks(values: readonly string[]): Int32Array {
  const sorted = values.map((_, i) => i).sort((a, b) => (values[a]! < values[b]! ? -1 : 1));
  const rank = new Int32Array(values.length);
  sorted.forEach((v, r) => (rank[v] = r));
  return rank;
}
