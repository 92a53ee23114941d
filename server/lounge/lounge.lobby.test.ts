// The lobby over a real socket: knocking, admitting, holding, rejecting, room modes and capacity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import {
  createHost,
  joinAsHost,
  knockAndAdmit,
  setRoomMode,
  startLoungeServer,
} from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';

let tdb: TestDatabase;
let server: LoungeServer;

beforeAll(async () => {
  tdb = await createTestDatabase('sqlite');
  server = await startLoungeServer({ db: tdb.db, lounge: { capacity: 4 } });
});

afterAll(async () => {
  await server.stop();
  await tdb.destroy();
});

describe('knocking', () => {
  it('lets the owner walk into their own room as host, even when it is locked', async () => {
    const host = await createHost(tdb.db, { name: 'Lena Lock', mode: 'locked' });
    const peer = await server.connect({ sessionToken: host.sessionToken });
    peer.send({ type: 'knock', room: host.room.handle, name: 'Lena' });
    const joined = await peer.next('room.joined');
    expect(joined.self.role).toBe('host');
    expect(joined.mode).toBe('locked');
    expect(joined.roomName).toBe('Lena Lock');
    expect(joined.peers).toEqual([]);
    expect((await peer.next('lobby.queue')).knocks).toEqual([]);
    await peer.close();
  });

  it('answers room_not_found for an unknown handle', async () => {
    const peer = await server.connect();
    peer.send({ type: 'knock', room: 'no-such-room', name: 'Gustav' });
    await peer.error('room_not_found');
    await peer.close();
  });

  it('puts a guest into the lobby and shows the host the knock with the name', async () => {
    const host = await createHost(tdb.db);
    const h = await joinAsHost(server, host);
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: '  Gabi Gast ' });
    expect(await guest.next('lobby.waiting')).toEqual({
      type: 'lobby.waiting',
      roomName: host.room.name,
    });
    const queue = await h.peer.next('lobby.queue');
    expect(queue.knocks).toHaveLength(1);
    expect(queue.knocks[0]).toMatchObject({ name: 'Gabi Gast', heldMessage: null });
    await Promise.all([guest.close(), h.peer.close()]);
  });

  it('admits a guest: the guest sees the host, the host sees the guest join', async () => {
    const host = await createHost(tdb.db);
    const h = await joinAsHost(server, host);
    const g = await knockAndAdmit(server, h, host.room, 'Gabi');
    const joined = g.peer.received.find((m) => m.type === 'room.joined');
    expect(joined).toMatchObject({
      self: { name: 'Gabi', role: 'guest', connected: true },
      peers: [{ peerId: h.self.peerId, name: host.name, role: 'host', connected: true }],
    });
    expect(g.self.peerId).not.toBe(h.self.peerId);
    expect((await h.peer.next('lobby.queue')).knocks).toEqual([]);
    await Promise.all([g.peer.close(), h.peer.close()]);
  });

  it('holds a guest with a message, keeps them queued, and can still admit them', async () => {
    const host = await createHost(tdb.db);
    const h = await joinAsHost(server, host);
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Gerd' });
    const { knocks } = await h.peer.next('lobby.queue');
    const knockId = knocks[0]!.knockId;
    h.peer.send({ type: 'lobby.hold', knockId, message: '2 minutes, please' });
    expect(await guest.next('lobby.held')).toEqual({
      type: 'lobby.held',
      message: '2 minutes, please',
    });
    const held = await h.peer.next('lobby.queue');
    expect(held.knocks).toEqual([
      expect.objectContaining({ knockId, heldMessage: '2 minutes, please' }),
    ]);
    h.peer.send({ type: 'lobby.admit', knockId });
    expect((await guest.next('room.joined')).self.name).toBe('Gerd');
    await Promise.all([guest.close(), h.peer.close()]);
  });

  it('rejects a guest, who is then fresh and may knock again', async () => {
    const host = await createHost(tdb.db);
    const h = await joinAsHost(server, host);
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Rita' });
    const { knocks } = await h.peer.next('lobby.queue');
    h.peer.send({ type: 'lobby.reject', knockId: knocks[0]!.knockId });
    await guest.next('lobby.rejected');
    expect((await h.peer.next('lobby.queue')).knocks).toEqual([]);
    guest.send({ type: 'knock', room: host.room.handle, name: 'Rita' });
    await guest.next('lobby.waiting');
    await Promise.all([guest.close(), h.peer.close()]);
  });

  it('keeps knocks that arrive before any host is online and shows them all to the host', async () => {
    const host = await createHost(tdb.db);
    const guests = await Promise.all(['Anna', 'Bernd', 'Cem'].map(() => server.connect()));
    guests.forEach((g, i) =>
      g.send({ type: 'knock', room: host.room.handle, name: ['Anna', 'Bernd', 'Cem'][i]! }),
    );
    await Promise.all(guests.map((g) => g.next('lobby.waiting')));
    const peer = await server.connect({ sessionToken: host.sessionToken });
    peer.send({ type: 'knock', room: host.room.handle, name: host.name });
    await peer.next('room.joined');
    const queue = await peer.next('lobby.queue');
    expect(queue.knocks.map((k) => k.name).sort()).toEqual(['Anna', 'Bernd', 'Cem']);
    await Promise.all([...guests.map((g) => g.close()), peer.close()]);
  });

  it('removes a knock from the queue when the knocker leaves or drops', async () => {
    const host = await createHost(tdb.db);
    const h = await joinAsHost(server, host);
    const a = await server.connect();
    const b = await server.connect();
    a.send({ type: 'knock', room: host.room.handle, name: 'Anna' });
    await h.peer.next('lobby.queue', (q) => q.knocks.length === 1);
    b.send({ type: 'knock', room: host.room.handle, name: 'Bernd' });
    await h.peer.next('lobby.queue', (q) => q.knocks.length === 2);
    a.send({ type: 'leave' });
    const afterLeave = await h.peer.next('lobby.queue', (q) => q.knocks.length === 1);
    expect(afterLeave.knocks[0]!.name).toBe('Bernd');
    await b.drop();
    await h.peer.next('lobby.queue', (q) => q.knocks.length === 0);
    await Promise.all([a.close(), h.peer.close()]);
  });
});

describe('modes and capacity', () => {
  it('lets a guest walk into an open room without a host', async () => {
    const host = await createHost(tdb.db, { name: 'Olga Open', mode: 'open' });
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Gina' });
    const joined = await guest.next('room.joined');
    expect(joined).toMatchObject({ mode: 'open', self: { role: 'guest' }, peers: [] });
    await guest.close();
  });

  it('refuses a guest at a locked room with room_locked', async () => {
    const host = await createHost(tdb.db, { name: 'Lars Lock', mode: 'locked' });
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Gina' });
    await guest.error('room_locked');
    await guest.close();
  });

  it('refuses the fifth person of a capacity-4 room with room_full', async () => {
    const host = await createHost(tdb.db, { name: 'Frieda Full', mode: 'open' });
    const guests = [];
    for (const name of ['A1', 'A2', 'A3', 'A4']) {
      const g = await server.connect();
      g.send({ type: 'knock', room: host.room.handle, name });
      await g.next('room.joined');
      guests.push(g);
    }
    const fifth = await server.connect();
    fifth.send({ type: 'knock', room: host.room.handle, name: 'A5' });
    await fifth.error('room_full');
    // The refused connection is still fresh and may try again once someone left.
    guests[0]!.send({ type: 'leave' });
    await guests[1]!.next('peer.left');
    fifth.send({ type: 'knock', room: host.room.handle, name: 'A5' });
    await fifth.next('room.joined');
    await Promise.all([...guests, fifth].map((g) => g.close()));
  });

  it('answers room_full to a host who admits into a full room; the guest keeps waiting', async () => {
    const host = await createHost(tdb.db, { name: 'Kai Knock' });
    const h = await joinAsHost(server, host);
    const members = [];
    for (const name of ['B1', 'B2']) members.push(await knockAndAdmit(server, h, host.room, name));
    // Both knock while there is space; admitting the first fills the room.
    members.push(await knockAndAdmit(server, h, host.room, 'B3'));
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'B4' });
    await guest.error('room_full');
    members.pop()!.peer.send({ type: 'leave' });
    await h.peer.next('peer.left');
    guest.send({ type: 'knock', room: host.room.handle, name: 'B4' });
    await guest.next('lobby.waiting');
    const late = await knockAndAdmit(server, h, host.room, 'B5');
    const queue = await h.peer.next('lobby.queue', (q) => q.knocks.some((k) => k.name === 'B4'));
    h.peer.send({ type: 'lobby.admit', knockId: queue.knocks[0]!.knockId });
    await h.peer.error('room_full');
    await guest.roundTrip();
    expect(guest.received.map((m) => m.type)).toEqual(['error', 'lobby.waiting', 'pong']);
    members.push(late);
    await Promise.all([...members.map((m) => m.peer.close()), guest.close(), h.peer.close()]);
  });

  it('admits waiting guests up to capacity when the room is switched to open', async () => {
    const host = await createHost(tdb.db, { name: 'Udo Umschalt' });
    const h = await joinAsHost(server, host);
    const waiting = [];
    for (const name of ['C1', 'C2', 'C3', 'C4']) {
      const g = await server.connect();
      g.send({ type: 'knock', room: host.room.handle, name });
      await g.next('lobby.waiting');
      waiting.push(g);
    }
    await setRoomMode(tdb.db, host.room.id, 'open');
    await server.lounge.refreshRoom(host.room.id);
    expect((await h.peer.next('room.mode')).mode).toBe('open');
    for (const g of waiting.slice(0, 3)) expect((await g.next('room.joined')).mode).toBe('open');
    const queue = await h.peer.next(
      'lobby.queue',
      (q) => q.knocks.length === 1 && q.knocks[0]!.name === 'C4',
    );
    expect(queue.knocks[0]!.name).toBe('C4');
    await waiting[3]!.roundTrip();
    expect(waiting[3]!.received.map((m) => m.type)).toEqual(['lobby.waiting', 'pong']);
    await Promise.all([...waiting.map((g) => g.close()), h.peer.close()]);
  });
  it('turns waiting guests away when the room is archived, while the call goes on', async () => {
    const host = await createHost(tdb.db, { name: 'Anke Archiv' });
    const h = await joinAsHost(server, host);
    const inCall = await knockAndAdmit(server, h, host.room, 'Drin');
    const waiting = await server.connect();
    waiting.send({ type: 'knock', room: host.room.handle, name: 'Draussen' });
    await waiting.next('lobby.waiting');
    await h.peer.next('lobby.queue', (q) => q.knocks.length === 1);
    await tdb.db
      .updateTable('rooms')
      .set({ archived_at: Date.now() })
      .where('id', '=', host.room.id)
      .execute();
    await server.lounge.refreshRoom(host.room.id);
    await waiting.error('room_not_found');
    await h.peer.next('lobby.queue', (q) => q.knocks.length === 0);
    inCall.peer.send({ type: 'chat.send', text: 'still here' });
    expect((await h.peer.next('chat.message')).text).toBe('still here');
    await Promise.all([waiting.close(), inCall.peer.close(), h.peer.close()]);
  });
});

describe('lobby authorization', () => {
  it('forbids a second knock on the same connection', async () => {
    const host = await createHost(tdb.db);
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Doppelt' });
    await guest.next('lobby.waiting');
    guest.send({ type: 'knock', room: host.room.handle, name: 'Doppelt' });
    await guest.error('forbidden');
    await guest.close();
  });

  it('forbids lobby actions to guests and strangers, and answers not_found for unknown knocks', async () => {
    const host = await createHost(tdb.db, { name: 'Paula Open', mode: 'open' });
    const other = await createHost(tdb.db, { name: 'Otto Other' });
    const stranger = await server.connect({ sessionToken: other.sessionToken });
    stranger.send({ type: 'lobby.admit', knockId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    await stranger.error('forbidden');
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Gina' });
    await guest.next('room.joined');
    guest.send({ type: 'lobby.reject', knockId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    await guest.error('forbidden');
    const h = await joinAsHost(server, host);
    h.peer.send({ type: 'lobby.admit', knockId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    await h.peer.error('not_found');
    h.peer.send({ type: 'lobby.hold', knockId: 'AAAAAAAAAAAAAAAAAAAAAA', message: 'Moment' });
    await h.peer.error('not_found');
    await Promise.all([stranger.close(), guest.close(), h.peer.close()]);
  });

  it('does not let a signed-in seller host a colleague’s room', async () => {
    const host = await createHost(tdb.db);
    const colleague = await createHost(tdb.db, { name: 'Carla Colleague' });
    const peer = await server.connect({ sessionToken: colleague.sessionToken });
    peer.send({ type: 'knock', room: host.room.handle, name: 'Carla' });
    await peer.next('lobby.waiting');
    await peer.close();
  });
});
