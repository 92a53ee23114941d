// What the accounts feature sends to clients; never a database row, never a password hash.
import type { UserId } from '../../shared/ids.js';
import type { InviteView, MemberView, UserRole, UserView } from '../../shared/api/accounts.js';
import type { InviteRow } from './account.table.js';
import type { MemberRow } from './user.repository.js';

/** Presents a user (a row or the signed-in user). */
export function presentUser(user: {
  id: UserId;
  name: string;
  email: string;
  role: UserRole;
}): UserView {
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** Presents an invite, with its link when the token is at hand. */
export function presentInvite(row: InviteRow, url?: string): InviteView {
  return {
    id: row.id,
    email: row.email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(url ? { url } : {}),
  };
}

/** Presents a team member. */
export function presentMember(row: MemberRow, publicUrl: string): MemberView {
  return {
    ...presentUser(row),
    joinedAt: row.created_at,
    roomUrl: row.room_handle ? `${publicUrl}/r/${row.room_handle}` : null,
  };
}
