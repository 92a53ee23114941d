// The auth plugin on its own: sliding expiry, and the cookie it sends again when told to.
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/ids.js';
import { FakeClock } from '../lib/clock.js';
import { hashToken, newToken } from '../lib/random.js';
import { createTestDatabase, DIALECTS } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { authPlugin, SESSION_COOKIE } from './auth.js';

const HOUR = 3_600_000;

describe.each(DIALECTS)('auth plugin on %s', (dialect) => {
  let tdb: TestDatabase;
  let clock: FakeClock;
  let token: string;

  beforeEach(async () => {
    tdb = await createTestDatabase(dialect);
    clock = new FakeClock();
    const userId = 'user-00000001' as UserId;
    await tdb.db
      .insertInto('users')
      .values({
        id: userId,
        email: 'a@example.test',
        name: 'A',
        password_hash: 'x',
        role: 'seller',
        created_at: clock.now(),
      })
      .execute();
    token = newToken();
    await tdb.db
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        user_id: userId,
        created_at: clock.now(),
        expires_at: clock.now() + 2 * 86_400_000,
        last_seen_at: clock.now(),
      })
      .execute();
  });
  afterEach(async () => {
    await tdb.destroy();
  });

  async function appWith(secureCookies?: boolean) {
    const app = Fastify();
    await app.register(cookie);
    await app.register(authPlugin, {
      db: tdb.db,
      clock,
      sessionDays: 2,
      ...(secureCookies === undefined ? {} : { secureCookies }),
    });
    app.get('/who', async (req) => ({ name: req.user?.name ?? null }));
    return app;
  }

  it('extends a session used after an hour and sends the cookie again', async () => {
    const app = await appWith(false);
    clock.advance(HOUR + 1);
    const res = await app.inject({
      method: 'GET',
      url: '/who',
      cookies: { [SESSION_COOKIE]: token },
    });
    expect(res.json()).toEqual({ name: 'A' });
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({
      value: token,
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: 2 * 86_400,
    });
    const row = await tdb.db.selectFrom('sessions').select('expires_at').executeTakeFirstOrThrow();
    expect(row.expires_at).toBe(clock.now() + 2 * 86_400_000);
    await app.close();
  });

  it('does not resend the cookie within the hour, nor when not told the cookie flags', async () => {
    const app = await appWith(false);
    const fresh = await app.inject({
      method: 'GET',
      url: '/who',
      cookies: { [SESSION_COOKIE]: token },
    });
    expect(fresh.cookies).toEqual([]);
    await app.close();
    const quiet = await appWith();
    clock.advance(HOUR + 1);
    const res = await quiet.inject({
      method: 'GET',
      url: '/who',
      cookies: { [SESSION_COOKIE]: token },
    });
    expect(res.json()).toEqual({ name: 'A' });
    expect(res.cookies).toEqual([]);
    await quiet.close();
  });

  it('treats an unknown or expired token as anonymous', async () => {
    const app = await appWith(false);
    const unknown = await app.inject({
      method: 'GET',
      url: '/who',
      cookies: { [SESSION_COOKIE]: 'nope' },
    });
    expect(unknown.json()).toEqual({ name: null });
    clock.advance(2 * 86_400_000);
    const expired = await app.inject({
      method: 'GET',
      url: '/who',
      cookies: { [SESSION_COOKIE]: token },
    });
    expect(expired.json()).toEqual({ name: null });
    await app.close();
  });
});
