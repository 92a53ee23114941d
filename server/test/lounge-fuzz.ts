// Frame generators for fuzzing the signaling endpoint: random bytes, random and mutated JSON,
// wrong types, huge strings, deep nesting, oversized frames and valid messages in the wrong state.
// Seeded, so a failing run can be replayed. Nothing here produces a valid `ping`, so a test can
// send one after the fuzz and take its `pong` as proof that every earlier frame was handled.
import { MAX_SIGNAL_FRAME_BYTES } from '../../shared/limits.js';

/** A seeded pseudo-random generator (mulberry32). */
export class Rng {
  constructor(private state: number) {}

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** One frame to send. */
export interface FuzzFrame {
  data: string | Buffer;
  binary: boolean;
  kind: string;
}

/** Real identifiers from the running test, so that some messages address real things. */
export interface FuzzTargets {
  roomHandle: string;
  peerIds: string[];
  knockIds: string[];
  tokens: string[];
}

const TYPES = [
  'knock',
  'resume',
  'lobby.admit',
  'lobby.hold',
  'lobby.reject',
  'signal',
  'chat.send',
  'media.state',
  'leave',
  'pong',
  'error',
  'room.joined',
  '',
  'KNOCK',
  '__proto__',
];

function randomString(rng: Rng, max: number): string {
  const length = rng.int(max + 1);
  const alphabets = [
    'abcdefghijklmnopqrstuvwxyz-0123456789',
    '\u0000\u0001\u0007\n\r\t"\\/{}[]:,',
    'äöüßÄÖÜ€😀\u202e\ufeff\ud7ff',
    '<>&\'"=;()',
  ];
  let s = '';
  for (let i = 0; i < length; i++) s += rng.pick([...rng.pick(alphabets)]);
  return s;
}

function randomId(rng: Rng, targets: FuzzTargets): string {
  const pool = [...targets.peerIds, ...targets.knockIds];
  if (pool.length > 0 && rng.chance(0.5)) return rng.pick(pool);
  return rng.chance(0.5) ? 'A'.repeat(8 + rng.int(60)) : randomString(rng, 80);
}

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1]);
    case 3:
      return randomString(rng, 40);
    case 4:
      return rng.chance(0.1) ? 'x'.repeat(30_000) : randomString(rng, 10);
    case 5:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) o[randomString(rng, 8)] = randomValue(rng, depth + 1);
      return o;
    }
  }
}

/** A valid message of a random type, addressed at real or fake things (often in the wrong state). */
export function validMessage(rng: Rng, t: FuzzTargets): Record<string, unknown> {
  const media = { audio: rng.chance(0.5), video: rng.chance(0.5), screenStreamId: null };
  switch (rng.int(9)) {
    case 0:
      return {
        type: 'knock',
        room: rng.chance(0.3) ? t.roomHandle : 'no-such-room',
        name: 'Fuzzy',
      };
    case 1:
      return {
        type: 'resume',
        token: t.tokens.length && rng.chance(0.3) ? rng.pick(t.tokens) : 'a.b',
      };
    case 2:
      return { type: 'lobby.admit', knockId: randomId(rng, t) };
    case 3:
      return { type: 'lobby.hold', knockId: randomId(rng, t), message: 'Moment bitte' };
    case 4:
      return { type: 'lobby.reject', knockId: randomId(rng, t) };
    case 5:
      return {
        type: 'signal',
        to: randomId(rng, t),
        ...(rng.chance(0.5) ? { description: { type: 'offer', sdp: 'v=0' } } : {}),
        ...(rng.chance(0.5)
          ? { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } }
          : {}),
      };
    case 6:
      return { type: 'chat.send', text: randomString(rng, 50) || 'hi' };
    case 7:
      return { type: 'media.state', media };
    default:
      // Leaving is valid but ends the fuzzer's presence in a room, so keep it rare.
      return rng.chance(0.1) ? { type: 'leave' } : { type: 'media.state', media };
  }
}

function mutate(rng: Rng, message: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = { ...message };
  const keys = Object.keys(copy);
  switch (rng.int(8)) {
    case 0:
      delete copy[rng.pick(keys)];
      return copy;
    case 1:
      copy[rng.pick(keys)] = randomValue(rng);
      return copy;
    case 2:
      copy.type = rng.pick(TYPES);
      return copy;
    case 3:
      copy[randomString(rng, 12)] = randomValue(rng);
      return copy;
    case 4:
      copy[rng.pick(keys)] = 'y'.repeat(1000 + rng.int(60_000));
      return copy;
    case 5:
      return JSON.parse(
        `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"type":"${rng.pick(TYPES)}"}`,
      ) as unknown;
    case 6:
      return [copy];
    default:
      return randomValue(rng);
  }
}

function deepNesting(rng: Rng): string {
  const depth = 1000 + rng.int(20_000);
  return rng.chance(0.5)
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `{"type":"knock","room":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"name":"x"}`;
}

/** One random frame that leaves the connection open (ws-level protocol violations are excluded). */
export function fuzzFrame(rng: Rng, targets: FuzzTargets): FuzzFrame {
  const roll = rng.int(100);
  if (roll < 10) {
    return { kind: 'random bytes (binary)', binary: true, data: randomBytes(rng, 512) };
  }
  if (roll < 20) return { kind: 'random text', binary: false, data: randomString(rng, 200) };
  if (roll < 30) {
    return { kind: 'random JSON', binary: false, data: JSON.stringify(randomValue(rng)) ?? 'null' };
  }
  if (roll < 55) {
    const data = JSON.stringify(mutate(rng, validMessage(rng, targets)));
    return { kind: 'mutated message', binary: false, data };
  }
  if (roll < 60) return { kind: 'deep nesting', binary: false, data: deepNesting(rng) };
  if (roll < 63) {
    const big = 'z'.repeat(MAX_SIGNAL_FRAME_BYTES + 6 * 1024);
    return rng.chance(0.5)
      ? {
          kind: '70 KiB text',
          binary: false,
          data: JSON.stringify({ type: 'chat.send', text: big }),
        }
      : { kind: '70 KiB binary', binary: true, data: Buffer.from(big) };
  }
  if (roll < 68) {
    const valid = JSON.stringify(validMessage(rng, targets));
    const cut = rng.int(valid.length);
    return { kind: 'truncated JSON', binary: false, data: valid.slice(0, cut) };
  }
  if (roll < 70) return { kind: 'empty frame', binary: rng.chance(0.5), data: '' };
  return { kind: 'valid message', binary: false, data: JSON.stringify(validMessage(rng, targets)) };
}

function randomBytes(rng: Rng, max: number): Buffer {
  const bytes = Buffer.alloc(rng.int(max + 1));
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
  return bytes;
}
