// Simulated participants for the signaling-capacity benchmark: pairs of WebSocket clients that
// relay timestamped messages to each other through a signaling server, measuring relay latency.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { ClientMessage, ServerMessage } from '../../shared/protocol/signaling.js';

/** How the load runs. */
export interface LoadOptions {
  rooms: number;
  perRoom: number;
  /** Messages per second each participant sends. */
  ratePerParticipant: number;
  durationMs: number;
  /** Latencies of messages sent in the first warmupMs are not counted. */
  warmupMs: number;
}

/** Latencies (ms) of every relayed message counted, and how many were sent and lost. */
export interface LoadResult {
  latencies: number[];
  sent: number;
  received: number;
}

/** Adapts the load to one kind of server: how to join and how to wrap a timestamped payload. */
interface Flavour {
  url: string;
  join(socket: WebSocket, room: number, index: number): void;
  /** Resolves with this participant's id once it is in the room (or '' if the server has none). */
  joined(frame: Record<string, unknown>): string | null;
  /** The ids of other participants announced by a frame. */
  others(frame: Record<string, unknown>): string[];
  wrap(to: string, payload: string): string;
  unwrap(frame: Record<string, unknown>): string | null;
}

/** Nahbar's protocol: knock into an open room, relay `signal` frames with a candidate payload. */
export function nahbarFlavour(baseUrl: string, handles: string[]): Flavour {
  return {
    url: `${baseUrl.replace(/^http/, 'ws')}/ws`,
    join: (socket, room, index) =>
      socket.send(
        JSON.stringify({ type: ClientMessage.Knock, room: handles[room], name: `P${index}` }),
      ),
    joined: (f) => (f.type === ServerMessage.Joined ? (f.self as { peerId: string }).peerId : null),
    others: (f) =>
      f.type === ServerMessage.Joined
        ? (f.peers as { peerId: string }[]).map((p) => p.peerId)
        : f.type === ServerMessage.PeerJoined
          ? [(f.peer as { peerId: string }).peerId]
          : [],
    wrap: (to, payload) =>
      JSON.stringify({
        type: ClientMessage.Signal,
        to,
        candidate: { candidate: payload, sdpMid: '0', sdpMLineIndex: 0 },
      }),
    unwrap: (f) =>
      f.type === ServerMessage.Signal ? (f.candidate as { candidate: string }).candidate : null,
  };
}

/** The bare relay: join by room name, every frame goes to the others. */
export function bareFlavour(port: number): Flavour {
  return {
    url: `ws://127.0.0.1:${port}/`,
    join: (socket, room) => socket.send(JSON.stringify({ join: `room-${room}` })),
    joined: (f) => (f.joined === true ? '' : null),
    others: () => [],
    wrap: (_to, payload) => JSON.stringify({ t: payload }),
    unwrap: (f) => (typeof f.t === 'string' ? f.t : null),
  };
}

/** Connects every participant, lets them relay for the duration, and collects latencies. */
export async function runSignalingLoad(flavour: Flavour, opts: LoadOptions): Promise<LoadResult> {
  const sockets: WebSocket[] = [];
  const latencies: number[] = [];
  let sent = 0;
  let received = 0;
  let countFrom = Number.POSITIVE_INFINITY;
  let countUntil = Number.POSITIVE_INFINITY;

  const connectOne = (room: number, index: number) =>
    new Promise<{ socket: WebSocket; others: Set<string> }>((resolve, reject) => {
      const socket = new WebSocket(flavour.url);
      const others = new Set<string>();
      socket.on('error', reject);
      socket.on('open', () => flavour.join(socket, room, index));
      socket.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString()) as Record<string, unknown>;
        for (const id of flavour.others(frame)) others.add(id);
        if (flavour.joined(frame) !== null) resolve({ socket, others });
        const payload = flavour.unwrap(frame);
        if (payload === null) return;
        const sentAt = Number(payload.split(' ')[1]);
        received++;
        if (sentAt >= countFrom && sentAt <= countUntil) {
          latencies.push(performance.now() - sentAt);
        }
      });
    });

  // Join room by room so each room's second participant finds the first one present.
  const participants: { socket: WebSocket; others: Set<string> }[] = [];
  for (let room = 0; room < opts.rooms; room++) {
    for (let i = 0; i < opts.perRoom; i++) {
      const p = await connectOne(room, room * opts.perRoom + i);
      participants.push(p);
      sockets.push(p.socket);
    }
  }
  // Give the last peer.joined frames a moment to arrive before sending.
  await new Promise((r) => setTimeout(r, 200));

  const start = performance.now();
  countFrom = start + opts.warmupMs;
  countUntil = start + opts.durationMs;
  const intervalMs = 1000 / opts.ratePerParticipant;
  const timers = participants.map((p, i) => {
    const begin = setTimeout(() => {
      const tick = () => {
        const now = performance.now();
        if (now > countUntil) return;
        const to = [...p.others][0] ?? '';
        p.socket.send(flavour.wrap(to, `bench ${now}`));
        sent++;
      };
      tick();
      timers[i] = setInterval(tick, intervalMs);
    }, Math.random() * intervalMs);
    return begin;
  });
  await new Promise((r) => setTimeout(r, opts.durationMs + 500));
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.terminate();
  return { latencies, sent, received };
}
