// Invites and the team list over HTTP on both dialects: owner-only, single use, expiring.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import {
  anonymousAgent,
  createInviteToken,
  guestAgent,
  inviteSeller,
  setupOwner,
  TEST_PASSWORD,
} from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp, TEST_PUBLIC_URL } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';

// Asymmetric matchers typed as unknown, so that objects holding them stay free of `any`.
const anyString: unknown = expect.any(String);
const anyNumber: unknown = expect.any(Number);

const sam = { name: 'Sam Seller', email: 'sam@example.test', password: TEST_PASSWORD };

describe.each(DIALECTS)('invites on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let owner: SignedIn;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ dialect, clock });
    owner = await setupOwner(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates an invite link whose token is stored only as a hash', async () => {
    const res = await owner.agent.post('/api/invites', { email: 'Sam@Example.test' });
    expect(res.statusCode).toBe(201);
    const { invite } = res.json<{ invite: { url: string } }>();
    const inviteUrl: unknown = expect.stringMatching(
      new RegExp(`^${TEST_PUBLIC_URL}/invite/[A-Za-z0-9_-]{43}$`),
    );
    expect(invite).toEqual({
      id: anyString,
      email: 'sam@example.test',
      url: inviteUrl,
      createdAt: clock.now(),
      expiresAt: clock.now() + t.ctx.config.inviteDays * 86_400_000,
    });
    const token = invite.url.slice(invite.url.lastIndexOf('/') + 1);
    const row = await t.db.selectFrom('invites').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('lets only the owner create, list and revoke invites', async () => {
    const seller = await inviteSeller(t, owner.agent);
    const guest = await guestAgent(t);
    const id = (await owner.agent.post('/api/invites', {})).json<{ invite: { id: string } }>()
      .invite.id;
    for (const [who, status] of [
      [seller.agent, 403],
      [guest, 401],
    ] as const) {
      expect((await who.post('/api/invites', {})).statusCode).toBe(status);
      expect((await who.get('/api/invites')).statusCode).toBe(status);
      expect((await who.delete(`/api/invites/${id}`)).statusCode).toBe(status);
      expect((await who.get('/api/team')).statusCode).toBe(status);
    }
    expect((await owner.agent.delete(`/api/invites/${id}`)).statusCode).toBe(204);
    expect((await owner.agent.delete(`/api/invites/${id}`)).statusCode).toBe(404);
  });

  it('turns an invite into a signed-in seller with a personal room', async () => {
    const token = await createInviteToken(owner.agent);
    const guest = await guestAgent(t);
    expect((await guest.get(`/api/invites/${token}`)).json()).toEqual({ valid: true, email: null });
    const res = await guest.post(`/api/invites/${token}/accept`, sam);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      user: { name: sam.name, email: sam.email, role: 'seller' },
    });
    expect((await guest.get('/api/session')).json()).toMatchObject({ user: { role: 'seller' } });
    const rooms = (await guest.get('/api/rooms')).json<{ rooms: unknown[] }>().rooms;
    expect(rooms).toEqual([expect.objectContaining({ handle: 'sam-seller', personal: true })]);
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', sam.email)
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('accepts an invite only once', async () => {
    const token = await createInviteToken(owner.agent);
    const first = await guestAgent(t);
    expect((await first.post(`/api/invites/${token}/accept`, sam)).statusCode).toBe(201);
    const second = await guestAgent(t);
    const res = await second.post(`/api/invites/${token}/accept`, {
      ...sam,
      email: 'eve@example.test',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'invite_invalid' } });
    expect((await second.get(`/api/invites/${token}`)).json()).toEqual({
      valid: false,
      email: null,
    });
  });

  it('lets an invite expire after the configured days', async () => {
    const token = await createInviteToken(owner.agent);
    clock.advance(t.ctx.config.inviteDays * 86_400_000);
    const guest = await guestAgent(t);
    expect((await guest.get(`/api/invites/${token}`)).json()).toMatchObject({ valid: false });
    expect((await guest.post(`/api/invites/${token}/accept`, sam)).statusCode).toBe(404);
    expect((await owner.agent.get('/api/invites')).json()).toEqual({ invites: [] });
  });

  it('makes a revoked invite unusable', async () => {
    const res = await owner.agent.post('/api/invites', {});
    const { id, url } = res.json<{ invite: { id: string; url: string } }>().invite;
    expect((await owner.agent.delete(`/api/invites/${id}`)).statusCode).toBe(204);
    const token = url.slice(url.lastIndexOf('/') + 1);
    const guest = await guestAgent(t);
    expect((await guest.post(`/api/invites/${token}/accept`, sam)).statusCode).toBe(404);
  });

  it('refuses another e-mail address on an invite made for one address', async () => {
    const token = await createInviteToken(owner.agent, sam.email);
    const guest = await guestAgent(t);
    expect((await guest.get(`/api/invites/${token}`)).json()).toEqual({
      valid: true,
      email: sam.email,
    });
    const res = await guest.post(`/api/invites/${token}/accept`, {
      ...sam,
      email: 'eve@example.test',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'email_mismatch' } });
  });

  it('refuses an e-mail address that has an account with 409 email_taken', async () => {
    const token = await createInviteToken(owner.agent);
    const guest = await guestAgent(t);
    const res = await guest.post(`/api/invites/${token}/accept`, { ...sam, email: owner.email });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'email_taken' } });
    expect((await guest.get(`/api/invites/${token}`)).json()).toMatchObject({ valid: true });
  });

  it('refuses a short password when accepting an invite', async () => {
    const token = await createInviteToken(owner.agent);
    const guest = await guestAgent(t);
    const res = await guest.post(`/api/invites/${token}/accept`, { ...sam, password: 'short' });
    expect(res.statusCode).toBe(400);
  });

  it('lists pending invites without their links', async () => {
    await createInviteToken(owner.agent, 'a@example.test');
    const used = await createInviteToken(owner.agent);
    await (await guestAgent(t)).post(`/api/invites/${used}/accept`, sam);
    const res = await owner.agent.get('/api/invites');
    expect(res.json()).toEqual({
      invites: [
        {
          id: anyString,
          email: 'a@example.test',
          createdAt: clock.now(),
          expiresAt: anyNumber,
        },
      ],
    });
  });

  it('lists the team, owner first, with personal room links', async () => {
    const seller = await inviteSeller(t, owner.agent, sam);
    const res = await owner.agent.get('/api/team');
    expect(res.json()).toEqual({
      members: [
        {
          id: owner.user.id,
          name: owner.user.name,
          email: owner.email,
          role: 'owner',
          joinedAt: anyNumber,
          roomUrl: `${TEST_PUBLIC_URL}/r/olga-owner`,
        },
        {
          id: seller.user.id,
          name: sam.name,
          email: sam.email,
          role: 'seller',
          joinedAt: anyNumber,
          roomUrl: `${TEST_PUBLIC_URL}/r/sam-seller`,
        },
      ],
    });
    expect((await anonymousAgent(t).get('/api/team')).statusCode).toBe(401);
  });
});
