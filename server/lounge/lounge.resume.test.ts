// Resuming over a real socket: within grace, taking over a live socket, grace expiry, bad tokens,
// and a full server restart on the same SQLite file during a call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PeerId, RoomId } from '../../shared/ids.js';
import {
  CLOSE_REPLACED,
  CLOSE_SERVER_RESTART,
  SIGNALING_PATH,
} from '../../shared/protocol/signaling.js';
import { loadServerSecret } from '../db/settings.js';
import { listMeetingParticipants, listMeetingsOfRoom } from '../meetings/meeting.repository.js';
import { startNahbar } from '../nahbar.js';
import type { Nahbar } from '../nahbar.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { TestPeer } from '../test/lounge-client.js';
import {
  connectorFor,
  createHost,
  joinAsHost,
  knockAndAdmit,
  recordingLogger,
  startLoungeServer,
  testConfig,
} from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';
import { signResumeToken } from './tokens.js';

// Long enough that a loaded machine resumes in time; the expiry test runs its own short-grace server.
const GRACE_SECONDS = 5;
const SHORT_GRACE_SECONDS = 0.3;
const RESTART_GRACE_SECONDS = 2;
let tdb: TestDatabase;
let server: LoungeServer;

beforeAll(async () => {
  tdb = await createTestDatabase('sqlite');
  server = await startLoungeServer({ db: tdb.db, lounge: { resumeGraceSeconds: GRACE_SECONDS } });
});

afterAll(async () => {
  await server.stop();
  await tdb.destroy();
});

async function callOfTwo() {
  const host = await createHost(tdb.db);
  const h = await joinAsHost(server, host);
  const g = await knockAndAdmit(server, h, host.room, 'Gabi');
  return { host, h, g };
}

describe('resume in the same process', () => {
  it('gives a dropped guest the same peer back, with a fresh token, and tells the others', async () => {
    const { h, g } = await callOfTwo();
    await g.peer.drop();
    await h.peer.next('peer.connection', (m) => !m.connected);
    const again = await server.connect();
    again.send({ type: 'resume', token: g.resumeToken });
    const resumed = await again.next('room.resumed');
    expect(resumed.self).toMatchObject({ peerId: g.self.peerId, name: 'Gabi', role: 'guest' });
    expect(resumed.peers.map((p) => p.peerId)).toEqual([h.self.peerId]);
    expect(resumed.resumeToken).not.toBe(g.resumeToken);
    expect(await h.peer.next('peer.connection')).toEqual({
      type: 'peer.connection',
      peerId: g.self.peerId,
      connected: true,
    });
    await Promise.all([h.peer.close(), again.close()]);
  });

  it('lets a new socket take over from one still open, closing the old one with 4001', async () => {
    const { h, g } = await callOfTwo();
    const again = await server.connect();
    again.send({ type: 'resume', token: g.resumeToken });
    await again.next('room.resumed');
    expect((await g.peer.closed).code).toBe(CLOSE_REPLACED);
    h.peer.send({ type: 'chat.send', text: 'still there?' });
    expect((await again.next('chat.message')).text).toBe('still there?');
    await h.peer.roundTrip();
    expect(
      h.peer.received.some((m) => m.type === 'peer.connection' || m.type === 'peer.left'),
    ).toBe(false);
    await Promise.all([h.peer.close(), again.close()]);
  });

  it('removes a peer whose grace expired and refuses their token afterwards', async () => {
    const own = await createTestDatabase('sqlite');
    const short = await startLoungeServer({
      db: own.db,
      lounge: { resumeGraceSeconds: SHORT_GRACE_SECONDS },
    });
    try {
      const host = await createHost(own.db);
      const h = await joinAsHost(short, host);
      const g = await knockAndAdmit(short, h, host.room, 'Gabi');
      await g.peer.drop();
      await h.peer.next('peer.connection', (m) => !m.connected);
      expect(await h.peer.next('peer.left', undefined, 5_000)).toEqual({
        type: 'peer.left',
        peerId: g.self.peerId,
      });
      const again = await short.connect();
      again.send({ type: 'resume', token: g.resumeToken });
      await again.error('resume_failed');
      await Promise.all([h.peer.close(), again.close()]);
    } finally {
      await short.stop();
      await own.destroy();
    }
  });

  it('refuses tampered, foreign and expired tokens with resume_failed', async () => {
    const { h, g } = await callOfTwo();
    const secret = await loadServerSecret(tdb.db);
    const expired = signResumeToken(secret, {
      roomId: 'x'.repeat(22) as RoomId,
      peerId: g.self.peerId,
      name: 'Gabi',
      role: 'guest',
      userId: null,
      exp: Date.now() - 1,
    });
    const [payload, mac] = g.resumeToken.split('.');
    const forged = signResumeToken(Buffer.alloc(32, 7), {
      roomId: 'x'.repeat(22) as RoomId,
      peerId: 'y'.repeat(22) as PeerId,
      name: 'Mallory',
      role: 'host',
      userId: null,
      exp: Date.now() + 60_000,
    });
    for (const token of [`${payload}x.${mac}`, `${payload}.${mac}x`, forged, expired, 'garbage']) {
      const peer = await server.connect();
      peer.send({ type: 'resume', token });
      await peer.error('resume_failed');
      await peer.close();
    }
    await Promise.all([h.peer.close(), g.peer.close()]);
  });

  it('forbids resuming on a connection that is already in a room', async () => {
    const { h, g } = await callOfTwo();
    g.peer.send({ type: 'resume', token: g.resumeToken });
    await g.peer.error('forbidden');
    await Promise.all([h.peer.close(), g.peer.close()]);
  });

  it('closes every socket with 1012 when the lounge stops', async () => {
    const own = await createTestDatabase('sqlite');
    const other = await startLoungeServer({ db: own.db });
    const host = await createHost(own.db);
    const h = await joinAsHost(other, host);
    const waiting = await other.connect();
    waiting.send({ type: 'knock', room: host.room.handle, name: 'Wilma' });
    await waiting.next('lobby.waiting');
    await other.stop();
    expect((await h.peer.closed).code).toBe(CLOSE_SERVER_RESTART);
    expect((await waiting.closed).code).toBe(CLOSE_SERVER_RESTART);
    await own.destroy();
  });
});

describe('resume after a server restart', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-restart-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<{ nahbar: Nahbar; wsUrl: string }> {
    const config = testConfig(
      { resumeGraceSeconds: RESTART_GRACE_SECONDS },
      { NAHBAR_DATABASE_URL: `sqlite:${path.join(dir, 'nahbar.sqlite')}` },
    );
    const nahbar = await startNahbar(config, { logger: recordingLogger().log });
    return { nahbar, wsUrl: `ws://127.0.0.1:${nahbar.port}${SIGNALING_PATH}` };
  }

  it('continues the meeting: returning peers resume, the one who does not is timed out', async () => {
    const first = await start();
    const host = await createHost(first.nahbar.db, { name: 'Rita Restart' });
    const srv1 = connectorFor(first.wsUrl);
    const h = await joinAsHost(srv1, host);
    const a = await knockAndAdmit(srv1, h, host.room, 'Anna');
    const b = await knockAndAdmit(srv1, h, host.room, 'Bodo');
    await vi.waitFor(async () => {
      const [meeting] = await listMeetingsOfRoom(first.nahbar.db, host.room.id);
      expect(meeting && (await listMeetingParticipants(first.nahbar.db, meeting.id))).toHaveLength(
        3,
      );
    });
    const stoppedBefore = Date.now();
    await first.nahbar.stop();
    await Promise.all([h.peer.closed, a.peer.closed, b.peer.closed]);

    const second = await start();
    try {
      const h2 = await TestPeer.connect(second.wsUrl);
      h2.send({ type: 'resume', token: h.resumeToken });
      const hostBack = await h2.next('room.resumed');
      expect(hostBack.self).toMatchObject({ peerId: h.self.peerId, role: 'host' });
      expect(hostBack.peers.map((p) => [p.name, p.connected]).sort()).toEqual([
        ['Anna', false],
        ['Bodo', false],
      ]);
      await h2.next('lobby.queue');

      const a2 = await TestPeer.connect(second.wsUrl);
      a2.send({ type: 'resume', token: a.resumeToken });
      const annaBack = await a2.next('room.resumed');
      expect(annaBack.self.peerId).toBe(a.self.peerId);
      expect(await h2.next('peer.connection')).toEqual({
        type: 'peer.connection',
        peerId: a.self.peerId,
        connected: true,
      });
      a2.send({ type: 'signal', to: h.self.peerId, description: { type: 'offer', sdp: 'v=0' } });
      expect((await h2.next('signal')).from).toBe(a.self.peerId);

      // Bodo never comes back: after the grace period both others see him leave.
      await h2.next('peer.left', (m) => m.peerId === b.self.peerId, 5_000);
      await a2.next('peer.left', (m) => m.peerId === b.self.peerId, 5_000);

      const db = second.nahbar.db;
      const meetings = await listMeetingsOfRoom(db, host.room.id);
      expect(meetings).toHaveLength(1);
      expect(meetings[0]!.ended_at).toBeNull();
      await vi.waitFor(async () => {
        const rows = await listMeetingParticipants(db, meetings[0]!.id);
        const bodo = rows.find((r) => r.name === 'Bodo')!;
        expect(bodo.left_at).not.toBeNull();
        // Bodo left when the old server stopped, not when his grace ran out.
        expect(bodo.left_at!).toBeGreaterThanOrEqual(stoppedBefore);
        expect(bodo.left_at!).toBeLessThan(Date.now() - 500);
        expect(
          rows
            .filter((r) => r.left_at === null)
            .map((r) => r.name)
            .sort(),
        ).toEqual(['Anna', 'Rita Restart']);
      });

      a2.send({ type: 'leave' });
      h2.send({ type: 'leave' });
      await vi.waitFor(async () => {
        const [ended] = await listMeetingsOfRoom(db, host.room.id);
        expect(ended!.ended_at).not.toBeNull();
        expect(ended!.duration_ms).toBe(ended!.ended_at! - ended!.started_at);
      });
      await Promise.all([h2.close(), a2.close()]);
    } finally {
      await second.nahbar.stop();
    }
  });

  it('re-adds a peer who was alone in the room, and closes meetings nobody returns to', async () => {
    const first = await start();
    const lone = await createHost(first.nahbar.db, { name: 'Lone Host' });
    const empty = await createHost(first.nahbar.db, { name: 'Nobody Returns' });
    const srv1 = connectorFor(first.wsUrl);
    const h = await joinAsHost(srv1, lone);
    const e = await joinAsHost(srv1, empty);
    const eg = await knockAndAdmit(srv1, e, empty.room, 'Gone Guest');
    await vi.waitFor(async () => {
      expect(await listMeetingsOfRoom(first.nahbar.db, empty.room.id)).toHaveLength(1);
    });
    await first.nahbar.stop();
    await Promise.all([h.peer.closed, e.peer.closed, eg.peer.closed]);

    const second = await start();
    try {
      const h2 = await TestPeer.connect(second.wsUrl);
      h2.send({ type: 'resume', token: h.resumeToken });
      const back = await h2.next('room.resumed');
      expect(back.self).toMatchObject({ peerId: h.self.peerId, role: 'host', name: 'Lone Host' });
      expect(back.peers).toEqual([]);
      await vi.waitFor(
        async () => {
          const [meeting] = await listMeetingsOfRoom(second.nahbar.db, empty.room.id);
          expect(meeting!.ended_at).not.toBeNull();
          const rows = await listMeetingParticipants(second.nahbar.db, meeting!.id);
          expect(rows.every((r) => r.left_at !== null)).toBe(true);
        },
        { timeout: 5_000 },
      );
      await h2.close();
    } finally {
      await second.nahbar.stop();
    }
  });
});
