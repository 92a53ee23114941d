// The call over a real socket: signal relay (with buffering during grace), chat, media state,
// leaving, and what a guest outside the room can and cannot see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessageData } from '../../shared/protocol/signaling.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import type { TestPeer } from '../test/lounge-client.js';
import {
  createHost,
  joinAsHost,
  knockAndAdmit,
  startLoungeServer,
} from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';
import { MAX_PENDING_SIGNALS } from './live-room.js';

let tdb: TestDatabase;
let server: LoungeServer;

beforeAll(async () => {
  tdb = await createTestDatabase('sqlite');
  server = await startLoungeServer({ db: tdb.db, lounge: { resumeGraceSeconds: 30 } });
});

afterAll(async () => {
  await server.stop();
  await tdb.destroy();
});

const OFFER = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } as const;
const candidate = (n: number) => ({
  candidate: `candidate:${n} 1 udp 2122260223 127.0.0.1 ${50000 + n} typ host`,
  sdpMid: '0',
  sdpMLineIndex: 0,
});

async function callOfTwo() {
  const host = await createHost(tdb.db);
  const h = await joinAsHost(server, host);
  const g = await knockAndAdmit(server, h, host.room, 'Gabi');
  return { host, h, g };
}

describe('signal relay', () => {
  it('relays descriptions and candidates with the sender as `from`', async () => {
    const { h, g } = await callOfTwo();
    h.peer.send({ type: 'signal', to: g.self.peerId, description: OFFER });
    expect(await g.peer.next('signal')).toEqual({
      type: 'signal',
      from: h.self.peerId,
      description: OFFER,
    });
    g.peer.send({ type: 'signal', to: h.self.peerId, candidate: candidate(1) });
    expect(await h.peer.next('signal')).toEqual({
      type: 'signal',
      from: g.self.peerId,
      candidate: candidate(1),
    });
    await Promise.all([h.peer.close(), g.peer.close()]);
  });

  it('refuses empty signals, signals to oneself, to strangers and from non-participants', async () => {
    const { h, g } = await callOfTwo();
    h.peer.send({ type: 'signal', to: g.self.peerId });
    expect((await h.peer.error('invalid_message')).message).toMatch(/description or a candidate/);
    h.peer.send({ type: 'signal', to: h.self.peerId, candidate: candidate(1) });
    await h.peer.error('invalid_message');
    h.peer.send({ type: 'signal', to: 'ZZZZZZZZZZZZZZZZZZZZZZ', candidate: candidate(1) });
    await h.peer.error('not_found');
    const other = await callOfTwo();
    h.peer.send({ type: 'signal', to: other.g.self.peerId, candidate: candidate(2) });
    await h.peer.error('not_found');
    const outsider = await server.connect();
    outsider.send({ type: 'signal', to: g.self.peerId, candidate: candidate(3) });
    await outsider.error('forbidden');
    await other.g.peer.roundTrip();
    expect(other.g.peer.received.some((m) => m.type === 'signal')).toBe(false);
    await Promise.all([h, g, other.h, other.g].map((x) => x.peer.close()).concat(outsider.close()));
  });

  it('buffers signals for a dropped peer and delivers them in order on resume', async () => {
    const { h, g } = await callOfTwo();
    await g.peer.drop();
    const gone = await h.peer.next('peer.connection');
    expect(gone).toEqual({ type: 'peer.connection', peerId: g.self.peerId, connected: false });
    for (let i = 0; i < 3; i++) {
      h.peer.send({ type: 'signal', to: g.self.peerId, candidate: candidate(i) });
    }
    await h.peer.roundTrip();
    const again = await server.connect();
    again.send({ type: 'resume', token: g.resumeToken });
    const resumed = await again.next('room.resumed');
    expect(resumed.self.peerId).toBe(g.self.peerId);
    for (let i = 0; i < 3; i++) {
      expect((await again.next('signal')).candidate).toEqual(candidate(i));
    }
    expect(await h.peer.next('peer.connection')).toMatchObject({ connected: true });
    await Promise.all([h.peer.close(), again.close()]);
  });

  it(`keeps only the latest ${MAX_PENDING_SIGNALS} signals for a dropped peer`, async () => {
    const { h, g } = await callOfTwo();
    await g.peer.drop();
    await h.peer.next('peer.connection');
    const total = MAX_PENDING_SIGNALS + 50;
    for (let i = 0; i < total; i++) {
      h.peer.send({ type: 'signal', to: g.self.peerId, candidate: candidate(i) });
    }
    await h.peer.roundTrip();
    const again = await server.connect();
    again.send({ type: 'resume', token: g.resumeToken });
    await again.next('room.resumed');
    await again.roundTrip();
    const signals = again.received.filter((m) => m.type === 'signal');
    expect(signals).toHaveLength(MAX_PENDING_SIGNALS);
    expect(signals[0]).toMatchObject({ candidate: candidate(50) });
    expect(signals.at(-1)).toMatchObject({ candidate: candidate(total - 1) });
    await Promise.all([h.peer.close(), again.close()]);
  });
});

describe('chat, media and leaving', () => {
  it('delivers chat to every participant including the sender, text unchanged', async () => {
    const { host, h, g } = await callOfTwo();
    const text = '<img src=x onerror=alert(1)> Grüße & "Tschüss"';
    g.peer.send({ type: 'chat.send', text });
    const [atHost, atGuest] = await Promise.all([
      h.peer.next('chat.message'),
      g.peer.next('chat.message'),
    ]);
    expect(atHost).toEqual(atGuest);
    expect(atHost).toMatchObject({ from: g.self.peerId, name: 'Gabi', text });
    expect(atHost.sentAt).toBeGreaterThan(0);
    const outsider = await server.connect();
    outsider.send({ type: 'chat.send', text: 'hello?' });
    await outsider.error('forbidden');
    expect(host.room.handle).toBeTruthy();
    await Promise.all([h.peer.close(), g.peer.close(), outsider.close()]);
  });

  it('tells others about media changes and includes them for later joiners', async () => {
    const { host, h, g } = await callOfTwo();
    const media = { audio: true, video: false, screenStreamId: 'screen-1' };
    h.peer.send({ type: 'media.state', media });
    expect(await g.peer.next('peer.media')).toEqual({
      type: 'peer.media',
      peerId: h.self.peerId,
      media,
    });
    await h.peer.roundTrip();
    expect(h.peer.received.some((m) => m.type === 'peer.media')).toBe(false);
    const late = await knockAndAdmit(server, h, host.room, 'Lutz');
    const joined = late.peer.received.find((m) => m.type === 'room.joined');
    expect(
      joined?.type === 'room.joined' && joined.peers.find((p) => p.peerId === h.self.peerId),
    ).toMatchObject({ media });
    await Promise.all([h.peer.close(), g.peer.close(), late.peer.close()]);
  });

  it('removes a participant who leaves, tells the others, and refuses their token afterwards', async () => {
    const { h, g } = await callOfTwo();
    g.peer.send({ type: 'leave' });
    expect(await h.peer.next('peer.left')).toEqual({ type: 'peer.left', peerId: g.self.peerId });
    g.peer.send({ type: 'chat.send', text: 'still here?' });
    await g.peer.error('forbidden');
    const again = await server.connect();
    again.send({ type: 'resume', token: g.resumeToken });
    await again.error('resume_failed');
    await Promise.all([h.peer.close(), g.peer.close(), again.close()]);
  });
});

describe('privacy before admission', () => {
  const ALLOWED = new Set(['lobby.waiting', 'lobby.held', 'lobby.rejected', 'error', 'pong']);

  function leaks(peer: TestPeer, secrets: string[]): ServerMessageData[] {
    return peer.received.filter(
      (m) => !ALLOWED.has(m.type) || secrets.some((s) => JSON.stringify(m).includes(s)),
    );
  }

  it('gives waiting and rejected guests nothing of the room while the call goes on', async () => {
    const host = await createHost(tdb.db, { name: 'Heike Hostname', roomName: 'Showroom' });
    const h = await joinAsHost(server, host);
    const a = await knockAndAdmit(server, h, host.room, 'Anton Admitted');
    const waiting = await server.connect();
    waiting.send({ type: 'knock', room: host.room.handle, name: 'Wanda Waiting' });
    await waiting.next('lobby.waiting');
    const rejected = await server.connect();
    rejected.send({ type: 'knock', room: host.room.handle, name: 'Rolf Rejected' });
    await rejected.next('lobby.waiting');
    const queue = await h.peer.next('lobby.queue', (q) => q.knocks.length === 2);
    const knockOf = (name: string) => queue.knocks.find((k) => k.name === name)!.knockId;
    h.peer.send({ type: 'lobby.reject', knockId: knockOf('Rolf Rejected') });
    await rejected.next('lobby.rejected');
    h.peer.send({ type: 'lobby.hold', knockId: knockOf('Wanda Waiting'), message: 'Gleich!' });
    await waiting.next('lobby.held');

    // The call goes on: chat, signals, media, someone joins, someone drops and resumes, someone leaves.
    h.peer.send({ type: 'chat.send', text: 'secret price 42.000 EUR' });
    a.peer.send({ type: 'signal', to: h.self.peerId, description: OFFER });
    h.peer.send({ type: 'signal', to: a.self.peerId, candidate: candidate(7) });
    a.peer.send({ type: 'media.state', media: { audio: true, video: true, screenStreamId: null } });
    const b = await knockAndAdmit(server, h, host.room, 'Berta Bystander');
    b.peer.send({ type: 'chat.send', text: 'hello all' });
    await a.peer.drop();
    const back = await server.connect();
    back.send({ type: 'resume', token: a.resumeToken });
    await back.next('room.resumed');
    b.peer.send({ type: 'leave' });
    await h.peer.next('peer.left');

    // Outsiders poke at the room; every attempt is refused.
    for (const outsider of [waiting, rejected]) {
      outsider.send({ type: 'signal', to: h.self.peerId, description: OFFER });
      outsider.send({ type: 'chat.send', text: 'let me in' });
      outsider.send({
        type: 'media.state',
        media: { audio: true, video: true, screenStreamId: null },
      });
      outsider.send({ type: 'lobby.admit', knockId: knockOf('Wanda Waiting') });
    }
    await Promise.all([
      h.peer.roundTrip(),
      back.roundTrip(),
      waiting.roundTrip(),
      rejected.roundTrip(),
    ]);

    const secrets = [
      'Heike Hostname',
      'Anton Admitted',
      'Berta Bystander',
      'Rolf Rejected',
      'secret price',
      'hello all',
      h.self.peerId,
      a.self.peerId,
      b.self.peerId,
    ];
    expect(leaks(waiting, secrets)).toEqual([]);
    expect(leaks(rejected, secrets.concat('Wanda Waiting', 'Gleich!'))).toEqual([]);
    expect(waiting.received.map((m) => m.type)).toContain('lobby.held');
    expect(rejected.received.filter((m) => m.type === 'lobby.rejected')).toHaveLength(1);
    expect(waiting.invalid.concat(rejected.invalid)).toEqual([]);
    await Promise.all([h.peer.close(), back.close(), waiting.close(), rejected.close()]);
  });
});
