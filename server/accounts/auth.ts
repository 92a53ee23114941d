// Who is calling: resolves the session cookie to a user on every request, and the guards
// that handlers use to demand a signed-in user or the owner.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { Forbidden, Unauthorized } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { hashToken } from '../lib/random.js';
import type { UserRole } from './account.table.js';
import { findSessionWithUser, touchSession } from './session.repository.js';

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'nahbar_session';

/** The signed-in user as handlers see it. */
export interface AuthUser {
  id: UserId;
  email: string;
  name: string;
  role: UserRole;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for anonymous requests (guests). */
    user: AuthUser | null;
  }
}

/** Options of the auth plugin. */
export interface AuthOptions {
  db: Db;
  clock: Clock;
  sessionDays: number;
  /**
   * When given, the cookie is sent again whenever the sliding expiry is extended, so the
   * browser keeps it as long as the server keeps the session.
   */
  secureCookies?: boolean;
}

/** Cookie attributes shared by setting and clearing, so that a clear always matches. */
function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

/** Sets the session cookie: httpOnly, SameSite=Lax, path /, living as long as the session. */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  opts: { secure: boolean; sessionDays: number },
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    ...sessionCookieOptions(opts.secure),
    maxAge: opts.sessionDays * 86_400,
  });
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(reply: FastifyReply, opts: { secure: boolean }): void {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(opts.secure));
}

// Sliding expiry is written at most this often per session, to spare the database.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** Resolves `request.user` from the session cookie before every handler. */
export const authPlugin = fp<AuthOptions>(
  (app: FastifyInstance, opts: AuthOptions, done: (err?: Error) => void) => {
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return;
      const now = opts.clock.now();
      const found = await findSessionWithUser(opts.db, hashToken(token), now);
      if (!found) return;
      const { session, user } = found;
      if (now - session.last_seen_at > TOUCH_INTERVAL_MS) {
        await touchSession(opts.db, session.id, now, now + opts.sessionDays * 86_400_000);
        if (opts.secureCookies !== undefined) {
          setSessionCookie(reply, token, {
            secure: opts.secureCookies,
            sessionDays: opts.sessionDays,
          });
        }
      }
      req.user = {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        sessionId: session.id,
      };
    });
    done();
  },
  { name: 'nahbar-auth', dependencies: ['@fastify/cookie'] },
);

/** Returns the signed-in user or throws Unauthorized. */
export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new Unauthorized();
  return req.user;
}

/** Returns the signed-in owner or throws (Unauthorized when anonymous, Forbidden for sellers). */
export function requireOwner(req: FastifyRequest): AuthUser {
  const user = requireUser(req);
  if (user.role !== 'owner') throw new Forbidden('Only the account owner may do this');
  return user;
}
