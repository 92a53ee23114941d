// Device tokens and the DeviceDirectory on SQLite and PostgreSQL: only the hash is stored, the
// token authenticates its device, and rotation, revocation and deletion take effect at the very
// next lookup even though lookups are cached.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import type { DeviceId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { createContact } from '../contacts/contact.service.js';
import { FakeClock } from '../lib/clock.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { DeviceDirectory } from './device-auth.js';
import {
  DEVICE_TOKEN_PATTERN,
  hashDeviceToken,
  issueDeviceToken,
  looksLikeDeviceToken,
} from './device-token.js';
import {
  deleteDevice,
  provisionDevice,
  revokeDeviceToken,
  rotateDeviceToken,
} from './device.service.js';
import type { DeviceWithToken } from './device.service.js';
import { createMachine, deleteMachine } from './machine.service.js';
import type { MachineRecord } from './machine.repository.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('issueDeviceToken', () => {
  it('issues nbd_ tokens of 32 random bytes and their SHA-256 in hex', () => {
    const a = issueDeviceToken();
    const b = issueDeviceToken();
    expect(a.token).toMatch(DEVICE_TOKEN_PATTERN);
    expect(Buffer.from(a.token.slice(4), 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(sha256(a.token));
    expect(hashDeviceToken(a.token)).toBe(a.hash);
    expect(looksLikeDeviceToken(a.token)).toBe(true);
    expect(looksLikeDeviceToken(a.token.slice(4))).toBe(false);
    expect(looksLikeDeviceToken(`${a.token}x`)).toBe(false);
  });
});

describe.each(DIALECTS)('device tokens on %s', (dialect) => {
  let tdb: TestDatabase;
  let seller: Viewer;
  let machine: MachineRecord;
  let directory: DeviceDirectory;
  const clock = new FakeClock();

  const provision = () =>
    provisionDevice(tdb.db, clock, {
      viewer: seller,
      machineId: machine.row.id,
      name: 'Spindel',
      expectedIntervalSeconds: 60,
    });
  const deviceRow = (id: DeviceId) =>
    tdb.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  // Changes the stored hash behind the directory's back, to see whether it asks the database.
  const setHashBehindItsBack = (id: DeviceId, hash: string | null) =>
    tdb.db.updateTable('devices').set({ token_hash: hash }).where('id', '=', id).execute();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    seller = { id: (await createHost(tdb.db, { name: 'Sina Seller' })).userId, isOwner: false };
    const contact = await createContact(tdb.db, clock, {
      viewer: seller,
      input: contactInputSchema.parse({ name: 'Karl Kunde', companyName: 'Kunde AG' }),
    });
    if (!contact.row.company_id) throw new Error('no company');
    machine = await createMachine(tdb.db, clock, {
      viewer: seller,
      input: { name: 'Presse 1', companyId: contact.row.company_id, contactId: contact.row.id },
    });
    directory = new DeviceDirectory(tdb.db);
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('stores the SHA-256 of the token and never the token', async () => {
    const { record, token } = await provision();
    const row = await deviceRow(record.row.id);
    expect(row?.token_hash).toBe(sha256(token));
    expect(Object.values(row ?? {})).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
  });

  it('accepts the token of its device and refuses wrong ones', async () => {
    const { record, token } = await provision();
    const expected = { deviceId: record.row.id, machineId: machine.row.id };
    expect(await directory.authenticate(token)).toEqual(expected);
    // The second answer comes from the cache and is the same.
    expect(await directory.authenticate(token)).toEqual(expected);
    expect(await directory.authenticate(issueDeviceToken().token)).toBeNull();
    const typo = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await directory.authenticate(typo)).toBeNull();
    expect(await directory.authenticate(token.slice(4))).toBeNull();
    expect(await directory.authenticate('')).toBeNull();
  });

  it('refuses the old token right after rotation, and accepts the new one', async () => {
    const first: DeviceWithToken = await provision();
    expect(await directory.authenticate(first.token)).not.toBeNull();
    const rotated = await rotateDeviceToken(tdb.db, clock, directory, {
      viewer: seller,
      deviceId: first.record.row.id,
    });
    expect(rotated.token).not.toBe(first.token);
    expect(await directory.authenticate(first.token)).toBeNull();
    expect(await directory.authenticate(rotated.token)).toEqual({
      deviceId: first.record.row.id,
      machineId: machine.row.id,
    });
    expect((await deviceRow(first.record.row.id))?.token_hash).toBe(sha256(rotated.token));
  });

  it('refuses a revoked token right away and marks the device inactive', async () => {
    const { record, token } = await provision();
    expect(await directory.authenticate(token)).not.toBeNull();
    clock.advance(1000);
    const revoked = await revokeDeviceToken(tdb.db, clock, directory, {
      viewer: seller,
      deviceId: record.row.id,
    });
    expect(revoked.row.token_hash).toBeNull();
    expect(await directory.authenticate(token)).toBeNull();
    const row = await deviceRow(record.row.id);
    expect(row?.token_hash).toBeNull();
    expect(row?.token_changed_at).toBe(clock.now());
  });

  it('refuses the tokens of a deleted device and of a deleted machine', async () => {
    const { record, token } = await provision();
    expect(await directory.authenticate(token)).not.toBeNull();
    await deleteDevice(tdb.db, directory, { viewer: seller, deviceId: record.row.id });
    expect(await directory.authenticate(token)).toBeNull();

    const other = await createMachine(tdb.db, clock, {
      viewer: seller,
      input: { name: 'Presse 2', companyId: machine.row.company_id, contactId: null },
    });
    const onOther = await provisionDevice(tdb.db, clock, {
      viewer: seller,
      machineId: other.row.id,
      name: 'Öldruck',
      expectedIntervalSeconds: 5,
    });
    expect(await directory.authenticate(onOther.token)).not.toBeNull();
    await deleteMachine(tdb.db, directory, { viewer: seller, machineId: other.row.id });
    expect(await directory.authenticate(onOther.token)).toBeNull();
  });

  it('does not cache a lookup that was in flight when the device was forgotten', async () => {
    const { record, token } = await provision();
    const lookup = directory.authenticate(token);
    directory.forget(record.row.id);
    expect(await lookup).not.toBeNull();
    await setHashBehindItsBack(record.row.id, null);
    expect(await directory.authenticate(token)).toBeNull();
  });

  it('keeps at most maxCached tokens, dropping the least recently used', async () => {
    const small = new DeviceDirectory(tdb.db, { maxCached: 1 });
    const a = await provision();
    const b = await provision();
    expect(await small.authenticate(a.token)).not.toBeNull();
    expect(await small.authenticate(b.token)).not.toBeNull();
    await setHashBehindItsBack(a.record.row.id, null);
    await setHashBehindItsBack(b.record.row.id, null);
    // a was dropped, so the database is asked again; b is still answered from memory.
    expect(await small.authenticate(a.token)).toBeNull();
    expect(await small.authenticate(b.token)).not.toBeNull();
  });

  it('asks the database again once a cached lookup is older than the trust time', async () => {
    const timed = new DeviceDirectory(tdb.db, { ttlMs: 30_000, now: () => clock.now() });
    const { record, token } = await provision();
    expect(await timed.authenticate(token)).not.toBeNull();
    // Another process (the simulator, a second instance) rotated the token.
    await setHashBehindItsBack(record.row.id, issueDeviceToken().hash);
    clock.advance(29_000);
    expect(await timed.authenticate(token)).not.toBeNull();
    clock.advance(1_000);
    expect(await timed.authenticate(token)).toBeNull();
  });

  it('tells its listeners which device it forgot', async () => {
    const forgotten: DeviceId[] = [];
    const stop = directory.onForget((id) => forgotten.push(id));
    const { record } = await provision();
    await revokeDeviceToken(tdb.db, clock, directory, { viewer: seller, deviceId: record.row.id });
    stop();
    directory.forget(record.row.id);
    expect(forgotten).toEqual([record.row.id]);
  });

  it('adds rejected payloads to the device and ignores counts below one', async () => {
    const { record } = await provision();
    await directory.recordRejected(record.row.id, 3);
    await directory.recordRejected(record.row.id, 2);
    await directory.recordRejected(record.row.id, 0);
    await directory.recordRejected(record.row.id, -4);
    expect((await deviceRow(record.row.id))?.rejected_count).toBe(5);
  });
});
