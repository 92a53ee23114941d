// ICE servers over a real socket: configured servers plus fresh coturn REST credentials, handed
// out only after admission, on every join and every resume.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IceServer } from '../../shared/protocol/signaling.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost, joinAsHost, startLoungeServer } from '../test/lounge-harness.js';
import type { LoungeServer } from '../test/lounge-harness.js';

const turn = {
  urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.test:443?transport=tcp'],
  secret: 'coturn-static-auth-secret',
  ttlSeconds: 600,
};
const stun = { urls: 'stun:127.0.0.1:3478' };

let tdb: TestDatabase;
let server: LoungeServer;

beforeAll(async () => {
  tdb = await createTestDatabase('sqlite');
  server = await startLoungeServer({ db: tdb.db, lounge: { iceServers: [stun], turn } });
});

afterAll(async () => {
  await server.stop();
  await tdb.destroy();
});

function expectValidTurn(servers: IceServer[], peerId: string): void {
  expect(servers[0]).toEqual(stun);
  const relay = servers[1]!;
  expect(relay.urls).toEqual(turn.urls);
  const [expiry, id] = relay.username!.split(':');
  expect(id).toBe(peerId);
  const remaining = Number(expiry) - Date.now() / 1000;
  expect(remaining).toBeGreaterThan(turn.ttlSeconds - 5);
  expect(remaining).toBeLessThanOrEqual(turn.ttlSeconds + 1);
  expect(relay.credential).toBe(
    createHmac('sha1', turn.secret).update(relay.username!).digest('base64'),
  );
}

describe('ICE servers', () => {
  it('hands out configured servers and valid TURN credentials on join and again on resume', async () => {
    const host = await createHost(tdb.db);
    const guest = await server.connect();
    guest.send({ type: 'knock', room: host.room.handle, name: 'Tina' });
    const waiting = await guest.next('lobby.waiting');
    expect(JSON.stringify(waiting)).not.toContain('turn');

    const h = await joinAsHost(server, host);
    const joined = h.peer.received.find((m) => m.type === 'room.joined');
    if (joined?.type !== 'room.joined') throw new Error('no room.joined');
    expectValidTurn(joined.iceServers, h.self.peerId);

    await h.peer.drop();
    const again = await server.connect();
    again.send({ type: 'resume', token: h.resumeToken });
    const resumed = await again.next('room.resumed');
    expectValidTurn(resumed.iceServers, h.self.peerId);
    await Promise.all([guest.close(), again.close()]);
  });
});
