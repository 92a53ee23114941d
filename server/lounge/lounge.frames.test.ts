// Frame-level defences over a real socket: rate limit, size limit, malformed frames, the origin
// check and the server heartbeat.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_SIGNAL_FRAME_BYTES } from '../../shared/limits.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import {
  createHost,
  joinAsHost,
  knockAndAdmit,
  startLoungeServer,
} from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';
import { isSameOrigin } from './lounge.routes.js';

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

describe('malformed frames', () => {
  it('answers ping with pong', async () => {
    const peer = await server.connect();
    peer.send({ type: 'ping' });
    expect(await peer.next('pong')).toEqual({ type: 'pong' });
    await peer.close();
  });

  it('answers too_large to a frame over 64 KiB and keeps the socket open', async () => {
    const peer = await server.connect();
    const text = 'x'.repeat(MAX_SIGNAL_FRAME_BYTES);
    peer.sendRaw(JSON.stringify({ type: 'chat.send', text }));
    await peer.error('too_large');
    peer.sendRaw(Buffer.alloc(70 * 1024), true);
    await peer.error('too_large');
    await peer.roundTrip();
    await peer.close();
  });

  it('answers invalid_message with a reason to binary, non-JSON and off-schema frames', async () => {
    const peer = await server.connect();
    peer.sendRaw(Buffer.from('{"type":"ping"}'), true);
    expect((await peer.error('invalid_message')).message).toMatch(/binary/i);
    peer.sendRaw('{not json');
    expect((await peer.error('invalid_message')).message).toMatch(/not JSON/);
    peer.sendRaw(JSON.stringify({ type: 'knock', room: 'ok-room', name: 42 }));
    expect((await peer.error('invalid_message')).message).toMatch(/name/);
    peer.sendRaw(JSON.stringify({ type: 'teleport' }));
    await peer.error('invalid_message');
    peer.sendRaw(JSON.stringify({ type: 'knock', room: 'ok-room', name: 'a\u0007b' }));
    await peer.error('invalid_message');
    await peer.roundTrip();
    expect(peer.invalid).toEqual([]);
    await peer.close();
  });
});

describe('handler failures', () => {
  it('answers internal, logs the error and keeps serving when a handler throws', async () => {
    const own = await createTestDatabase('sqlite');
    const failing = await startLoungeServer({ db: own.db });
    try {
      const host = await createHost(own.db);
      await sql`alter table rooms rename to rooms_away`.execute(own.db);
      const peer = await failing.connect();
      peer.send({ type: 'knock', room: host.room.handle, name: 'Pech' });
      expect(await peer.error('internal')).toMatchObject({ message: 'Internal error' });
      expect(failing.logLines.filter((l) => l.level >= 50).map((l) => l.msg)).toContain(
        'signaling handler failed',
      );
      await sql`alter table rooms_away rename to rooms`.execute(own.db);
      peer.send({ type: 'knock', room: host.room.handle, name: 'Glück' });
      await peer.next('lobby.waiting');
      await peer.close();
    } finally {
      await failing.stop();
      await own.destroy();
    }
  });
});

describe('rate limit', () => {
  it('drops frames beyond the burst with one rate_limited error, then recovers', async () => {
    const own = await createTestDatabase('sqlite');
    const limited = await startLoungeServer({
      db: own.db,
      lounge: { signalRatePerSecond: 5, signalBurst: 10 },
    });
    try {
      const peer = await limited.connect();
      for (let i = 0; i < 40; i++) peer.send({ type: 'ping' });
      await peer.error('rate_limited');
      // Tokens refill at 5 per second: a ping gets through again shortly.
      await vi.waitFor(
        async () => {
          peer.send({ type: 'ping' });
          await peer.next('pong', undefined, 300);
        },
        { timeout: 3_000, interval: 50 },
      );
      const errors = peer.received.filter((m) => m.type === 'error');
      const pongs = peer.received.filter((m) => m.type === 'pong');
      expect(errors.every((e) => e.type === 'error' && e.code === 'rate_limited')).toBe(true);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(errors.length).toBeLessThanOrEqual(3);
      expect(pongs.length).toBeLessThan(40);
      await peer.close();
    } finally {
      await limited.stop();
      await own.destroy();
    }
  });
});

describe('origin check', () => {
  it('compares the Origin host with the Host header', () => {
    expect(isSameOrigin(undefined, 'example.com')).toBe(true);
    expect(isSameOrigin('https://example.com', 'example.com')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(isSameOrigin('https://Example.COM', 'example.com')).toBe(true);
    expect(isSameOrigin('https://evil.example', 'example.com')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:9999', '127.0.0.1:8080')).toBe(false);
    expect(isSameOrigin('null', 'example.com')).toBe(false);
    expect(isSameOrigin('https://example.com', undefined)).toBe(false);
  });

  it('refuses a cross-site socket that carries the host cookie', async () => {
    const host = await createHost(tdb.db);
    const peer = await server.connect({
      sessionToken: host.sessionToken,
      origin: 'https://evil.example',
    });
    await peer.error('forbidden');
    expect((await peer.closed).code).toBe(1008);
  });

  it('accepts a same-origin socket with the host cookie', async () => {
    const host = await createHost(tdb.db);
    const peer = await server.connect({ sessionToken: host.sessionToken, origin: server.origin });
    peer.send({ type: 'knock', room: host.room.handle, name: host.name });
    expect((await peer.next('room.joined')).self.role).toBe('host');
    await peer.close();
  });
});

describe('heartbeat', () => {
  it('terminates a socket that stops answering pings, which counts as a disconnect', async () => {
    const own = await createTestDatabase('sqlite');
    const beating = await startLoungeServer({
      db: own.db,
      heartbeatMs: 400,
      lounge: { resumeGraceSeconds: 30 },
    });
    try {
      const host = await createHost(own.db);
      const h = await joinAsHost(beating, host);
      const deaf = await beating.connect({ autoPong: false });
      deaf.send({ type: 'knock', room: host.room.handle, name: 'Dora Deaf' });
      await deaf.next('lobby.waiting');
      const { knocks } = await h.peer.next('lobby.queue', (q) => q.knocks.length === 1);
      h.peer.send({ type: 'lobby.admit', knockId: knocks[0]!.knockId });
      const joined = await deaf.next('room.joined');
      expect(await h.peer.next('peer.connection', undefined, 3_000)).toEqual({
        type: 'peer.connection',
        peerId: joined.self.peerId,
        connected: false,
      });
      expect((await deaf.closed).code).toBe(1006);
      // The host answered every ping and is still connected.
      await h.peer.roundTrip();
      const g = await knockAndAdmit(beating, h, host.room, 'Gerda');
      await Promise.all([h.peer.close(), g.peer.close()]);
    } finally {
      await beating.stop();
      await own.destroy();
    }
  });
});
