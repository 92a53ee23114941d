// Shapes of the accounts API's answers, shared by the server's presenters and the client.
import type { UserId } from '../ids.js';

/** The owner creates the account; sellers join by invite. */
export type UserRole = 'owner' | 'seller';

/** A user as the client sees themselves. */
export interface UserView {
  id: UserId;
  name: string;
  email: string;
  role: UserRole;
}

/** A pending invite; `url` is present only in the answer that created it (the token is not stored). */
export interface InviteView {
  id: string;
  email: string | null;
  createdAt: number;
  expiresAt: number;
  url?: string;
}

/** What an invite link says about itself. */
export interface InviteStatusView {
  valid: boolean;
  /** When set, only this address can accept. */
  email: string | null;
}

/** A member of the team as the owner sees them. */
export interface MemberView extends UserView {
  joinedAt: number;
  /** Link of the member's personal room. */
  roomUrl: string | null;
}
