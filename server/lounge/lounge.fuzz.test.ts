// Fuzzing the signaling endpoint with more than 10,000 random and malformed frames, from fresh
// sockets, a waiting guest, an admitted guest and the host; afterwards the server must still serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_REPLACED } from '../../shared/protocol/signaling.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import type { TestPeer } from '../test/lounge-client.js';
import { Rng, fuzzFrame } from '../test/lounge-fuzz.js';
import type { FuzzTargets } from '../test/lounge-fuzz.js';
import {
  createHost,
  joinAsHost,
  knockAndAdmit,
  startLoungeServer,
} from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';

const FRAMES = 10_400;
const SEED = 20261128;

let tdb: TestDatabase;
let server: LoungeServer;

beforeAll(async () => {
  tdb = await createTestDatabase('sqlite');
  server = await startLoungeServer({ db: tdb.db });
});

afterAll(async () => {
  await server.stop();
  await tdb.destroy();
});

describe('fuzzing the signaling endpoint', () => {
  it(`stays up through ${FRAMES} random and malformed frames and then serves a valid call`, async () => {
    const host = await createHost(tdb.db, { name: 'Fuzz Host' });
    const h = await joinAsHost(server, host);
    const g = await knockAndAdmit(server, h, host.room, 'Fuzz Guest');
    const victim = await knockAndAdmit(server, h, host.room, 'Victim');
    const waiting = await server.connect();
    waiting.send({ type: 'knock', room: host.room.handle, name: 'Fuzz Waiting' });
    await waiting.next('lobby.waiting');
    const queue = await h.peer.next('lobby.queue', (q) => q.knocks.length === 1);
    const targets: FuzzTargets = {
      roomHandle: host.room.handle,
      peerIds: [h.self.peerId, g.self.peerId, victim.self.peerId],
      knockIds: queue.knocks.map((k) => k.knockId),
      // A real token lets fuzzers take over the victim's place (closing its socket with 4001).
      tokens: [victim.resumeToken],
    };
    const fresh = await Promise.all(Array.from({ length: 5 }, () => server.connect()));
    const fuzzers: TestPeer[] = [...fresh, waiting, g.peer, h.peer];

    const rng = new Rng(SEED);
    const kinds = new Map<string, number>();
    for (let i = 0; i < FRAMES; i++) {
      const frame = fuzzFrame(rng, targets);
      kinds.set(frame.kind, (kinds.get(frame.kind) ?? 0) + 1);
      fuzzers[i % fuzzers.length]!.sendRaw(frame.data, frame.binary);
    }
    // Each fuzzer's pong comes after the server handled every frame that fuzzer sent before it.
    // A fuzzer that resumed as the victim may itself be replaced by a later one (closed with 4001).
    const outcomes = await Promise.all(
      fuzzers.map((f) =>
        Promise.race([f.roundTrip(60_000).then(() => 'answered'), f.closed.then((c) => c.code)]),
      ),
    );
    for (const outcome of outcomes) expect([`answered`, CLOSE_REPLACED]).toContain(outcome);
    expect(outcomes.filter((o) => o === 'answered').length).toBeGreaterThanOrEqual(6);

    expect(kinds.size).toBeGreaterThanOrEqual(10);
    for (const peer of [...fuzzers, victim.peer]) {
      expect(peer.invalid).toEqual([]);
      expect(peer.received.filter((m) => m.type === 'error' && m.code === 'internal')).toEqual([]);
    }
    const errorCodes = new Set(
      fuzzers.flatMap((f) => f.received.flatMap((m) => (m.type === 'error' ? [m.code] : []))),
    );
    expect([...errorCodes]).toEqual(
      expect.arrayContaining([
        'invalid_message',
        'too_large',
        'forbidden',
        'not_found',
        'room_not_found',
        'resume_failed',
      ]),
    );
    expect(server.logLines.filter((l) => l.level >= 50)).toEqual([]);

    // Protocol violations below the JSON layer close the socket, and only that socket.
    const badUtf8 = await server.connect();
    badUtf8.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    expect((await badUtf8.closed).code).toBe(1007);
    const huge = await server.connect();
    huge.sendRaw('x'.repeat(2 * 1024 * 1024));
    expect((await huge.closed).code).toBe(1009);

    // A fresh, valid call works as if nothing happened.
    const calm = await createHost(tdb.db, { name: 'Calm Host' });
    const ch = await joinAsHost(server, calm);
    const cg = await knockAndAdmit(server, ch, calm.room, 'Calm Guest');
    cg.peer.send({
      type: 'signal',
      to: ch.self.peerId,
      description: { type: 'offer', sdp: 'v=0' },
    });
    expect(await ch.peer.next('signal')).toMatchObject({ from: cg.self.peerId });
    await Promise.all([...fuzzers, victim.peer, ch.peer, cg.peer].map((p) => p.close()));
  }, 90_000);
});
