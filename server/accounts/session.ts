// Signing in and out: a session row in the database plus the httpOnly cookie that carries its token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserId } from '../../shared/ids.js';
import type { AppContext } from '../app.js';
import { hashToken, newToken } from '../lib/random.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './auth.js';
import { deleteSession, insertSession } from './session.repository.js';

/** What signing in needs from the app context. */
export type SessionContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

/**
 * Starts a session for a user and sets the cookie. A session the browser already carried is
 * deleted first, so a token planted before sign-in never becomes a signed-in session.
 */
export async function signIn(
  ctx: SessionContext,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: UserId,
): Promise<void> {
  const previous = req.cookies[SESSION_COOKIE];
  if (previous) await deleteSession(ctx.db, hashToken(previous));
  const token = newToken();
  const now = ctx.clock.now();
  await insertSession(ctx.db, {
    id: hashToken(token),
    user_id: userId,
    created_at: now,
    expires_at: now + ctx.config.sessionDays * 86_400_000,
    last_seen_at: now,
  });
  setSessionCookie(reply, token, {
    secure: ctx.config.secureCookies,
    sessionDays: ctx.config.sessionDays,
  });
}

/** Ends the session the request carries (if any) and clears the cookie. */
export async function signOut(
  ctx: SessionContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await deleteSession(ctx.db, hashToken(token));
  clearSessionCookie(reply, { secure: ctx.config.secureCookies });
}
