// Typed calls of the accounts API: setup, sign-in and sign-out, invites and the team.
import type { InviteStatusView, InviteView, MemberView, UserView } from '../../shared/api/accounts';
import { api, resetCsrf } from './http';

/** The signed-in user as the client knows them. */
export type SessionUser = UserView;
/** A pending invite; `url` only in the answer that created it. */
export type Invite = InviteView;
/** What an invite link says about itself. */
export type InviteStatus = InviteStatusView;
/** A member of the team as the owner sees them. */
export type Member = MemberView;

/** Loads who is signed in in this browser (null for nobody). */
export async function fetchSessionUser(): Promise<SessionUser | null> {
  return (await api<{ user: SessionUser | null }>('/api/session')).user;
}

/** Name, e-mail and password of a new account. */
export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

/** Tells whether a setup link can still create the owner. */
export async function fetchSetupStatus(token: string): Promise<boolean> {
  const body = await api<{ valid: boolean }>(`/api/setup/${encodeURIComponent(token)}`);
  return body.valid;
}

/** Creates the owner account from the setup link and signs in. */
export async function createOwner(token: string, account: NewAccount): Promise<SessionUser> {
  const body = await api<{ user: SessionUser }>('/api/setup', {
    method: 'POST',
    body: { token, ...account },
  });
  resetCsrf();
  return body.user;
}

/** Signs in; throws ApiError 401 `invalid_credentials` for any wrong e-mail or password. */
export async function login(email: string, password: string): Promise<SessionUser> {
  const body = await api<{ user: SessionUser }>('/api/login', {
    method: 'POST',
    body: { email, password },
  });
  resetCsrf();
  return body.user;
}

/** Signs out of this browser. */
export async function logout(): Promise<void> {
  await api<void>('/api/logout', { method: 'POST' });
  resetCsrf();
}

/** Creates an invite link (owner only), optionally bound to one e-mail address. */
export async function createInvite(email?: string): Promise<Invite> {
  const body = await api<{ invite: Invite }>('/api/invites', {
    method: 'POST',
    body: email ? { email } : {},
  });
  return body.invite;
}

/** Lists invites that are neither used nor expired (owner only). */
export async function fetchInvites(): Promise<Invite[]> {
  return (await api<{ invites: Invite[] }>('/api/invites')).invites;
}

/** Revokes an invite (owner only). */
export async function revokeInvite(id: string): Promise<void> {
  await api<void>(`/api/invites/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Checks an invite link before showing its form. */
export function fetchInviteStatus(token: string): Promise<InviteStatus> {
  return api<InviteStatus>(`/api/invites/${encodeURIComponent(token)}`);
}

/** Accepts an invite: creates the seller account and signs in. */
export async function acceptInvite(token: string, account: NewAccount): Promise<SessionUser> {
  const body = await api<{ user: SessionUser }>(
    `/api/invites/${encodeURIComponent(token)}/accept`,
    { method: 'POST', body: account },
  );
  resetCsrf();
  return body.user;
}

/** Lists the team (owner only). */
export async function fetchTeam(): Promise<Member[]> {
  return (await api<{ members: Member[] }>('/api/team')).members;
}
