// Sharing a machine panel into a call over real sockets: who may share, what every participant
// receives, and when a grant stops opening the machine (unshared, holder left, call over).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyId } from '../../shared/ids.js';
import type { SharedMachine } from '../../shared/protocol/signaling.js';
import { newId } from '../lib/random.js';
import { insertDevice, insertMachine } from '../test/alarm-fixtures.js';
import { createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import {
  createHost,
  joinAsHost,
  knockAndAdmit,
  startLoungeServer,
} from '../test/lounge-harness.js';
import type { LoungeServer, TestHost } from '../test/lounge-harness.js';

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

/** A machine of the host's, with one device and one key. */
async function machineOf(host: TestHost) {
  const companyId = newId<CompanyId>();
  await tdb.db
    .insertInto('companies')
    .values({
      id: companyId,
      owner_id: host.userId,
      name: 'Werk',
      name_folded: 'werk',
      shared: 0,
      created_at: Date.now(),
    })
    .execute();
  const machineId = await insertMachine(tdb.db, {
    ownerId: host.userId,
    companyId,
    name: 'Fräse 7',
  });
  const deviceId = await insertDevice(tdb.db, { machineId });
  await tdb.db
    .insertInto('device_keys')
    .values({
      device_id: deviceId,
      key: 'temp',
      display_name: 'Temperatur',
      unit: '°C',
      meaning: null,
    })
    .execute();
  return machineId;
}

const open = (grant: string, path = '') =>
  server.app.inject({ method: 'GET', url: `/api/shared/${encodeURIComponent(grant)}${path}` });

describe('a machine shared into a call', () => {
  it('gives every participant a grant that opens the machine read-only while the share is on', async () => {
    const host = await createHost(tdb.db);
    const machineId = await machineOf(host);
    const h = await joinAsHost(server, host);
    const g = await knockAndAdmit(server, h, host.room, 'Gabi Gast');

    h.peer.send({ type: 'machine.share', machineId });
    const [forHost, forGuest] = await Promise.all([
      h.peer.next('machine.shared'),
      g.peer.next('machine.shared'),
    ]);
    expect(forGuest.machine).toMatchObject({ machineId, name: 'Fräse 7' });
    expect(forGuest.machine.grant).not.toBe(forHost.machine.grant);

    const view = await open(forGuest.machine.grant);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      id: machineId,
      name: 'Fräse 7',
      keys: [{ key: 'temp', displayName: 'Temperatur', unit: '°C' }],
    });
    expect(view.body).not.toMatch(/token|owner/i);
    expect((await open(forGuest.machine.grant, '/series?range=1h')).statusCode).toBe(200);

    // Someone who joins later gets the panel with the room state.
    const late = await knockAndAdmit(server, h, host.room, 'Lena Later');
    await g.peer.next('peer.joined');
    expect(late.sharedMachine?.machineId).toBe(machineId);

    // Unsharing closes every grant at once.
    h.peer.send({ type: 'machine.unshare' });
    await g.peer.next('machine.unshared');
    expect((await open(forGuest.machine.grant)).statusCode).toBe(403);
    expect((await open(forHost.machine.grant, '/series?range=1h')).statusCode).toBe(403);
    await Promise.all([h.peer.close(), g.peer.close(), late.peer.close()]);
  });

  it('ends a grant when its holder leaves and all of them when the call is over', async () => {
    const host = await createHost(tdb.db);
    const machineId = await machineOf(host);
    const h = await joinAsHost(server, host);
    const g = await knockAndAdmit(server, h, host.room, 'Gabi Gast');
    h.peer.send({ type: 'machine.share', machineId });
    const grants: Record<string, SharedMachine> = {
      host: (await h.peer.next('machine.shared')).machine,
      guest: (await g.peer.next('machine.shared')).machine,
    };
    g.peer.send({ type: 'leave' });
    await h.peer.next('peer.left');
    expect((await open(grants.guest!.grant)).statusCode).toBe(403);
    expect((await open(grants.host!.grant)).statusCode).toBe(200);
    h.peer.send({ type: 'leave' });
    await h.peer.roundTrip();
    expect((await open(grants.host!.grant)).statusCode).toBe(403);
    // A forged or garbled grant opens nothing either.
    expect((await open(`${grants.host!.grant.slice(0, -2)}xx`)).statusCode).toBe(403);
    expect((await open('not-a-grant')).statusCode).toBe(403);
  });

  it('ends an open live stream within a second of the call ending', async () => {
    const host = await createHost(tdb.db);
    const machineId = await machineOf(host);
    const h = await joinAsHost(server, host);
    const g = await knockAndAdmit(server, h, host.room, 'Gabi Gast');
    h.peer.send({ type: 'machine.share', machineId });
    const { grant } = (await g.peer.next('machine.shared')).machine;
    const res = await fetch(`${server.origin}/api/shared/${grant}/live`);
    expect(res.status).toBe(200);
    const body = res.text();
    const endedAt = Date.now();
    // Both leave (a dropped socket would keep its place for the grace period).
    g.peer.send({ type: 'leave' });
    h.peer.send({ type: 'leave' });
    await body;
    expect(Date.now() - endedAt).toBeLessThan(2_000);
    await Promise.all([h.peer.close(), g.peer.close()]);
  });

  it('lets only a host share, and only a machine they may see', async () => {
    const host = await createHost(tdb.db);
    const stranger = await createHost(tdb.db, { name: 'Sina Stranger' });
    const foreignMachine = await machineOf(stranger);
    const ownMachine = await machineOf(host);
    const h = await joinAsHost(server, host);
    const g = await knockAndAdmit(server, h, host.room, 'Gabi Gast');
    g.peer.send({ type: 'machine.share', machineId: ownMachine });
    await g.peer.error('forbidden');
    h.peer.send({ type: 'machine.share', machineId: foreignMachine });
    await h.peer.error('not_found');
    h.peer.send({ type: 'machine.share', machineId: 'no such id' });
    await h.peer.error('invalid_message');
    await Promise.all([h.peer.close(), g.peer.close()]);
  });
});
