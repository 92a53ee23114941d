// Table types of the accounts feature: users, their sessions and seller invites.
import type { Insertable, Selectable } from 'kysely';
import type { UserId } from '../../shared/ids.js';

import type { UserRole } from '../../shared/api/accounts.js';

export type { UserRole };

/** A person who can sign in. */
export interface UsersTable {
  id: UserId;
  email: string;
  name: string;
  password_hash: string;
  role: UserRole;
  created_at: number;
}

/** A signed-in browser. `id` is the SHA-256 of the cookie token, so a leaked table grants nothing. */
export interface SessionsTable {
  id: string;
  user_id: UserId;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** A one-time link with which a seller joins the team. */
export interface InvitesTable {
  id: string;
  token_hash: string;
  email: string | null;
  created_by: UserId;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_user_id: UserId | null;
}

/** A user row as read. */
export type UserRow = Selectable<UsersTable>;
/** A user row to insert. */
export type NewUser = Insertable<UsersTable>;
/** A session row as read. */
export type SessionRow = Selectable<SessionsTable>;
/** An invite row as read. */
export type InviteRow = Selectable<InvitesTable>;
