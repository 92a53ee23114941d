// The rooms API over HTTP on both dialects: own rooms only, owner-only changes, a public lookup
// that tells non-hosts nothing but the room's name and host.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomId } from '../../shared/ids.js';
import { anonymousAgent, guestAgent, inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp, TEST_PUBLIC_URL } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';

// Asymmetric matchers typed as unknown, so that objects holding them stay free of `any`.
const anyString: unknown = expect.any(String);
const anyNumber: unknown = expect.any(Number);

interface Room {
  id: RoomId;
  handle: string;
  name: string;
  mode: string;
  personal: boolean;
  url: string;
}

let serial = 0;

describe.each(DIALECTS)('rooms on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let anna: SignedIn;
  let ben: SignedIn;
  /** Anna's personal room as the test starts. */
  let annaRoom: Room;
  /** A word no other test uses, for names and handles. */
  let word: string;

  const createRoom = async (who: SignedIn, body: object): Promise<Room> => {
    const res = await who.agent.post('/api/rooms', body);
    expect(res.statusCode).toBe(201);
    return res.json<{ room: Room }>().room;
  };
  const listRooms = async (who: SignedIn): Promise<Room[]> =>
    (await who.agent.get('/api/rooms')).json<{ rooms: Room[] }>().rooms;

  // One app per dialect; each test gets sellers of its own, so tests do not see each other's rooms.
  beforeAll(async () => {
    t = await createTestApp({ dialect });
    owner = await setupOwner(t, { name: 'Olga Owner' });
  });
  beforeEach(async () => {
    serial += 1;
    word = `w${serial}`;
    anna = await inviteSeller(t, owner.agent, { name: `Anna ${word}` });
    ben = await inviteSeller(t, owner.agent, { name: `Ben ${word}` });
    const [personal] = await listRooms(anna);
    if (!personal) throw new Error('Anna has no personal room');
    annaRoom = personal;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists only the caller’s own live rooms, personal room first; the owner too', async () => {
    expect(annaRoom).toMatchObject({ handle: `anna-${word}`, personal: true, mode: 'knock' });
    const showroom = await createRoom(anna, { name: `Showroom ${word}` });
    expect(await listRooms(anna)).toEqual([
      expect.objectContaining({ id: annaRoom.id }),
      expect.objectContaining({ id: showroom.id, name: `Showroom ${word}`, personal: false }),
    ]);
    expect((await listRooms(owner)).map((r) => r.handle)).toEqual(['olga-owner']);
    expect((await listRooms(ben)).map((r) => r.handle)).toEqual([`ben-${word}`]);
  });

  it('creates a named room with a link derived from its name', async () => {
    const room = await createRoom(anna, { name: `Große Halle ${word}` });
    expect(room).toEqual({
      id: anyString,
      handle: `grosse-halle-${word}`,
      name: `Große Halle ${word}`,
      mode: 'knock',
      personal: false,
      url: `${TEST_PUBLIC_URL}/r/grosse-halle-${word}`,
      createdAt: anyNumber,
    });
    const again = await createRoom(ben, { name: `Große Halle ${word}` });
    expect(again.handle).toBe(`grosse-halle-${word}-2`);
  });

  it('takes a chosen handle, and answers a taken one with 409 handle_taken', async () => {
    const room = await createRoom(anna, { name: 'Demo', handle: `Demo-${word}` });
    expect(room.handle).toBe(`demo-${word}`);
    const taken = await ben.agent.post('/api/rooms', { name: 'Demo', handle: `demo-${word}` });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'handle_taken' } });
  });

  it('refuses a malformed handle or an empty name with 400', async () => {
    for (const body of [
      { name: 'Demo', handle: 'a' },
      { name: 'Demo', handle: 'no spaces' },
      { name: 'Demo', handle: '-dash' },
      { name: '   ' },
      { name: 'x'.repeat(81) },
    ]) {
      expect((await anna.agent.post('/api/rooms', body)).statusCode).toBe(400);
    }
  });

  it('renames a room and switches its mode, and tells the lounge', async () => {
    const refresh = vi.spyOn(t.ctx.lounge, 'refreshRoom');
    const res = await anna.agent.patch(`/api/rooms/${annaRoom.id}`, {
      name: 'Annas Lounge',
      mode: 'open',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      room: { id: annaRoom.id, name: 'Annas Lounge', mode: 'open', handle: annaRoom.handle },
    });
    expect(refresh).toHaveBeenCalledWith(annaRoom.id);
    expect((await listRooms(anna))[0]).toMatchObject({ name: 'Annas Lounge', mode: 'open' });
    const locked = await anna.agent.patch(`/api/rooms/${annaRoom.id}`, { mode: 'locked' });
    expect(locked.json()).toMatchObject({ room: { name: 'Annas Lounge', mode: 'locked' } });
  });

  it('refuses an unknown mode and an empty change with 400', async () => {
    const url = `/api/rooms/${annaRoom.id}`;
    expect((await anna.agent.patch(url, { mode: 'party' })).statusCode).toBe(400);
    expect((await anna.agent.patch(url, {})).statusCode).toBe(400);
  });

  it('answers 404 when a seller tries to see, change or archive another seller’s room', async () => {
    const room = await createRoom(anna, { name: 'Showroom' });
    for (const intruder of [ben, owner]) {
      const list = await listRooms(intruder);
      expect(list.map((r) => r.id)).not.toContain(room.id);
      const patch = await intruder.agent.patch(`/api/rooms/${room.id}`, { mode: 'open' });
      expect(patch.statusCode).toBe(404);
      expect(patch.json()).toMatchObject({ error: { code: 'room_not_found' } });
      expect((await intruder.agent.delete(`/api/rooms/${room.id}`)).statusCode).toBe(404);
    }
    expect((await listRooms(anna)).find((r) => r.id === room.id)).toMatchObject({
      mode: 'knock',
    });
  });

  it('answers 404 for a room id that does not exist, exactly as for another’s room', async () => {
    const room = await createRoom(anna, { name: 'Showroom' });
    const foreign = await ben.agent.patch(`/api/rooms/${room.id}`, { mode: 'open' });
    const missing = await ben.agent.patch('/api/rooms/AAAAAAAAAAAAAAAAAAAAAA', { mode: 'open' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe(foreign.body);
  });

  it('archives a named room: its link stops working and its handle stays taken', async () => {
    const handle = `pop-up-${word}`;
    const room = await createRoom(anna, { name: 'Pop-up', handle });
    const refresh = vi.spyOn(t.ctx.lounge, 'refreshRoom');
    expect((await anna.agent.delete(`/api/rooms/${room.id}`)).statusCode).toBe(204);
    expect(refresh).toHaveBeenCalledWith(room.id);
    expect((await listRooms(anna)).map((r) => r.id)).toEqual([annaRoom.id]);
    expect((await anonymousAgent(t).get(`/api/rooms/public/${handle}`)).statusCode).toBe(404);
    const page = await t.app.inject({ method: 'GET', url: `/r/${handle}` });
    expect(page.statusCode).toBe(404);
    const reuse = await ben.agent.post('/api/rooms', { name: 'Mine', handle });
    expect(reuse.statusCode).toBe(409);
    const patch = await anna.agent.patch(`/api/rooms/${room.id}`, { mode: 'open' });
    expect(patch.statusCode).toBe(404);
  });

  it('refuses to archive the personal room with 409 personal_room', async () => {
    const res = await anna.agent.delete(`/api/rooms/${annaRoom.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'personal_room' } });
  });

  it('shows the host the room’s id and mode through its link', async () => {
    const res = await anna.agent.get(`/api/rooms/public/${annaRoom.handle}`);
    expect(res.json()).toEqual({
      room: {
        handle: annaRoom.handle,
        name: anna.user.name,
        hostName: anna.user.name,
        isHost: true,
        id: annaRoom.id,
        mode: 'knock',
      },
    });
  });

  it('tells non-hosts only handle, name, host name and isHost:false', async () => {
    const guest = await guestAgent(t);
    for (const agent of [anonymousAgent(t), guest, ben.agent, owner.agent]) {
      const res = await agent.get(`/api/rooms/public/${annaRoom.handle}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toStrictEqual({
        room: {
          handle: annaRoom.handle,
          name: anna.user.name,
          hostName: anna.user.name,
          isHost: false,
        },
      });
    }
  });

  it('answers an unknown link with 404 room_not_found, and ignores letter case', async () => {
    const guest = anonymousAgent(t);
    for (const handle of ['nobody-here', 'x', '%20', 'a'.repeat(90)]) {
      const res = await guest.get(`/api/rooms/public/${handle}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'room_not_found' } });
    }
    const upper = await guest.get(`/api/rooms/public/${annaRoom.handle.toUpperCase()}`);
    expect(upper.statusCode).toBe(200);
  });

  it('serves the page of a room link with 200, and of an unknown link with 404', async () => {
    const ok = await t.app.inject({ method: 'GET', url: `/r/${annaRoom.handle}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/html');
    const missing = await t.app.inject({ method: 'GET', url: '/r/nobody-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('text/html');
  });
});
