// Setup, sign-in, sign-out, the session cookie and CSRF, over HTTP on both dialects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import { hashToken } from '../lib/random.js';
import {
  anonymousAgent,
  guestAgent,
  issueSetupToken,
  setupOwner,
  signInAgain,
  TEST_PASSWORD,
} from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { SESSION_COOKIE } from './auth.js';

// Asymmetric matchers typed as unknown, so that objects holding them stay free of `any`.
const anyString: unknown = expect.any(String);

const owner = { name: 'Olga Owner', email: 'olga@example.test', password: TEST_PASSWORD };

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ dialect, clock });
  });
  afterEach(async () => {
    await t.close();
  });

  describe('setup', () => {
    it('tells whether a setup link is valid', async () => {
      const token = await issueSetupToken(t);
      const guest = anonymousAgent(t);
      expect((await guest.get(`/api/setup/${token}`)).json()).toEqual({ valid: true });
      expect((await guest.get('/api/setup/not-the-token')).json()).toEqual({ valid: false });
    });

    it('creates the owner with an argon2id hash and a personal room, and signs them in', async () => {
      const token = await issueSetupToken(t);
      const guest = await guestAgent(t);
      const res = await guest.post('/api/setup', { token, ...owner, email: 'Olga@Example.TEST' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        user: { id: anyString, name: 'Olga Owner', email: owner.email, role: 'owner' },
      });
      const row = await t.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
      expect(row.password_hash).not.toContain(owner.password);
      const room = await t.db.selectFrom('rooms').selectAll().executeTakeFirstOrThrow();
      expect(room).toMatchObject({ owner_id: row.id, handle: 'olga-owner', personal: 1 });
      const session = await guest.get('/api/session');
      expect(session.json()).toMatchObject({ user: { email: owner.email, role: 'owner' } });
      expect((await guest.get(`/api/setup/${token}`)).json()).toEqual({ valid: false });
    });

    it('answers a wrong setup token with 404 setup_invalid and creates nobody', async () => {
      await issueSetupToken(t);
      const guest = await guestAgent(t);
      const res = await guest.post('/api/setup', { token: 'x'.repeat(43), ...owner });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'setup_invalid' } });
      expect(await t.db.selectFrom('users').select('id').execute()).toEqual([]);
    });

    it('lets setup happen only once: a second attempt gets 409 setup_done', async () => {
      const token = await issueSetupToken(t);
      const first = await guestAgent(t);
      expect((await first.post('/api/setup', { token, ...owner })).statusCode).toBe(201);
      const second = await guestAgent(t);
      const res = await second.post('/api/setup', {
        token,
        ...owner,
        email: 'mallory@example.test',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'setup_done' } });
      expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    });

    it('refuses a password of 11 characters with 400 and accepts one of 12', async () => {
      const token = await issueSetupToken(t);
      const guest = await guestAgent(t);
      const short = await guest.post('/api/setup', { token, ...owner, password: '12345678901' });
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ error: { code: 'invalid' } });
      const ok = await guest.post('/api/setup', { token, ...owner, password: '123456789012' });
      expect(ok.statusCode).toBe(201);
    });
  });

  describe('login', () => {
    it('signs in and sets an httpOnly, SameSite=Lax session cookie for path /', async () => {
      await setupOwner(t, owner);
      const guest = await guestAgent(t);
      const res = await guest.post('/api/login', { email: owner.email, password: owner.password });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { email: owner.email, role: 'owner' } });
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.secure).toBeFalsy();
      expect(cookie?.maxAge).toBe(t.ctx.config.sessionDays * 86_400);
      const rows = await t.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', hashToken(cookie?.value ?? ''))
        .execute();
      expect(rows).toEqual([
        expect.objectContaining({
          expires_at: clock.now() + t.ctx.config.sessionDays * 86_400_000,
        }),
      ]);
    });

    it('answers an unknown e-mail and a wrong password with the same 401 body', async () => {
      await setupOwner(t, owner);
      const guest = await guestAgent(t);
      const unknown = await guest.post('/api/login', {
        email: 'nobody@example.test',
        password: owner.password,
      });
      const wrong = await guest.post('/api/login', {
        email: owner.email,
        password: 'not the password',
      });
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(unknown.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect(unknown.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    });

    it('answers 429 rate_limited once an address exceeds the logins per minute', async () => {
      await t.close();
      t = await createTestApp({ dialect, clock, config: { loginMaxPerMinute: 3 } });
      const guest = await guestAgent(t);
      const attempt = () =>
        guest.post('/api/login', { email: 'nobody@example.test', password: 'wrong password' });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    });

    it('marks the cookie Secure when secure cookies are configured', async () => {
      await t.close();
      t = await createTestApp({ dialect, clock, config: { secureCookies: true } });
      const token = await issueSetupToken(t);
      const guest = await guestAgent(t);
      const res = await guest.post('/api/setup', { token, ...owner });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    });
  });

  describe('session and logout', () => {
    it('returns only id, name, e-mail and role of the signed-in user, and null for guests', async () => {
      const o = await setupOwner(t, owner);
      expect((await o.agent.get('/api/session')).json()).toEqual({
        user: { id: o.user.id, name: owner.name, email: owner.email, role: 'owner' },
      });
      expect((await anonymousAgent(t).get('/api/session')).json()).toEqual({ user: null });
    });

    it('logout deletes the session row and clears the cookie', async () => {
      const o = await setupOwner(t, owner);
      const token = o.agent.cookies.get(SESSION_COOKIE) ?? '';
      const res = await o.agent.post('/api/logout');
      expect(res.statusCode).toBe(204);
      const cleared = res.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cleared?.value).toBe('');
      const rows = await t.db
        .selectFrom('sessions')
        .select('id')
        .where('id', '=', hashToken(token))
        .execute();
      expect(rows).toEqual([]);
      expect((await o.agent.get('/api/session')).json()).toEqual({ user: null });
      // The old token no longer works even if a browser kept it.
      o.agent.cookies.set(SESSION_COOKIE, token);
      expect((await o.agent.get('/api/session')).json()).toEqual({ user: null });
    });

    it('treats an expired session as anonymous', async () => {
      const o = await setupOwner(t, owner);
      clock.advance(t.ctx.config.sessionDays * 86_400_000 + 1);
      expect((await o.agent.get('/api/session')).json()).toEqual({ user: null });
      expect((await o.agent.get('/api/rooms')).statusCode).toBe(401);
    });

    it('extends a session that is in use (sliding expiry)', async () => {
      const o = await setupOwner(t, owner);
      clock.advance((t.ctx.config.sessionDays - 1) * 86_400_000);
      expect((await o.agent.get('/api/session')).json()).toMatchObject({ user: { role: 'owner' } });
      clock.advance(2 * 86_400_000);
      expect((await o.agent.get('/api/session')).json()).toMatchObject({ user: { role: 'owner' } });
    });

    it('replaces a session cookie the browser already had when signing in', async () => {
      const o = await setupOwner(t, owner);
      const before = o.agent.cookies.get(SESSION_COOKIE) ?? '';
      const again = await signInAgain(t, o);
      again.agent.cookies.set(SESSION_COOKIE, before);
      const res = await again.agent.post('/api/login', {
        email: owner.email,
        password: owner.password,
      });
      expect(res.statusCode).toBe(200);
      expect(again.agent.cookies.get(SESSION_COOKIE)).not.toBe(before);
      expect((await o.agent.get('/api/session')).json()).toEqual({ user: null });
    });
  });

  describe('CSRF', () => {
    it('refuses a POST without a CSRF token with 403 csrf', async () => {
      await setupOwner(t, owner);
      const browser = anonymousAgent(t);
      const res = await browser.post('/api/login', {
        email: owner.email,
        password: owner.password,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'csrf' } });
    });

    it('refuses a POST whose CSRF token does not match the cookie with 403', async () => {
      const o = await setupOwner(t, owner);
      const other = await guestAgent(t);
      o.agent.csrfToken = other.csrfToken;
      const res = await o.agent.post('/api/rooms', { name: 'Demo' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'csrf' } });
    });
  });
});
