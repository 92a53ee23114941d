// Rules of the accounts feature: the owner's setup, seller invites and checking credentials.
import type { UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { Conflict, Invalid, NotFound, Unauthorized } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { hashToken, newId, newToken } from '../lib/random.js';
import { createRoom } from '../rooms/room.service.js';
import type { InviteRow, UserRole, UserRow } from './account.table.js';
import { isUniqueViolation } from '../db/errors.js';
import {
  claimInvite,
  deletePendingInvite,
  findPendingInviteByTokenHash,
  insertInvite,
} from './invite.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import { claimSetupToken, isValidSetupToken, needsSetup } from './setup.js';
import { findUserByEmail, insertUser } from './user.repository.js';

/** Name, e-mail and password of a new account, already validated. */
export interface NewAccountProps {
  name: string;
  email: string;
  password: string;
}

const setupInvalid = () => new NotFound('This setup link is not valid', 'setup_invalid');
const setupDone = () => new Conflict('The owner account exists already', 'setup_done');
const inviteInvalid = () => new NotFound('This invite link is not valid', 'invite_invalid');
const emailTaken = () => new Conflict('This e-mail address is in use', 'email_taken');

/** True when the token is the setup token and the installation still has no owner. */
export async function isSetupOpen(db: Db, token: string): Promise<boolean> {
  return (await needsSetup(db)) && (await isValidSetupToken(db, token));
}

/** Props of createOwner. */
export interface CreateOwnerProps extends NewAccountProps {
  token: string;
}

/**
 * Creates the owner and their personal room, consuming the setup token. Conflict once an owner
 * exists; NotFound for any other token.
 */
export async function createOwner(db: Db, clock: Clock, props: CreateOwnerProps): Promise<UserRow> {
  if (!(await needsSetup(db))) throw setupDone();
  // Checked before hashing so that strangers cannot make the server hash for them.
  if (!(await isValidSetupToken(db, props.token))) throw setupInvalid();
  const passwordHash = await hashPassword(props.password);
  return db.transaction().execute(async (trx) => {
    if (!(await needsSetup(trx))) throw setupDone();
    if (!(await claimSetupToken(trx, props.token))) throw setupInvalid();
    return insertAccount(trx, clock, { ...props, passwordHash, role: 'owner' });
  });
}

/** Props of acceptInvite. */
export interface AcceptInviteProps extends NewAccountProps {
  token: string;
}

/**
 * Creates a seller and their personal room from an invite, which can be used once. NotFound for
 * unknown, used, revoked or expired invites; Conflict when the e-mail address has an account.
 */
export async function acceptInvite(
  db: Db,
  clock: Clock,
  props: AcceptInviteProps,
): Promise<UserRow> {
  const invite = await findPendingInvite(db, clock, props.token);
  if (!invite) throw inviteInvalid();
  if (invite.email !== null && invite.email !== props.email) {
    throw new Invalid('Use the e-mail address the invite was made for', 'email_mismatch');
  }
  if (await findUserByEmail(db, props.email)) throw emailTaken();
  const passwordHash = await hashPassword(props.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertAccount(trx, clock, { ...props, passwordHash, role: 'seller' });
    if (!(await claimInvite(trx, { id: invite.id, userId: user.id, now: clock.now() }))) {
      throw inviteInvalid();
    }
    return user;
  });
}

/** Finds the invite behind a link token if it can still be accepted. */
export async function findPendingInvite(
  db: Db,
  clock: Clock,
  token: string,
): Promise<InviteRow | undefined> {
  return findPendingInviteByTokenHash(db, hashToken(token), clock.now());
}

async function insertAccount(
  trx: Db,
  clock: Clock,
  props: NewAccountProps & { passwordHash: string; role: UserRole },
): Promise<UserRow> {
  const user: UserRow = {
    id: newId<UserId>(),
    email: props.email,
    name: props.name,
    password_hash: props.passwordHash,
    role: props.role,
    created_at: clock.now(),
  };
  try {
    await insertUser(trx, user);
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
  await createRoom(trx, clock, { ownerId: user.id, name: user.name, personal: true });
  return user;
}

/** Props of authenticate. */
export interface AuthenticateProps {
  email: string;
  password: string;
}

/**
 * Returns the user whose credentials these are. Every failure is the same Unauthorized, and an
 * unknown e-mail costs a full hash verification too, so neither answer nor timing tells them apart.
 */
export async function authenticate(db: Db, props: AuthenticateProps): Promise<UserRow> {
  const user = await findUserByEmail(db, props.email);
  const ok = await verifyPassword(user?.password_hash, props.password);
  if (!user || !ok) throw new Unauthorized('Wrong e-mail or password', 'invalid_credentials');
  return user;
}

/** Props of createInvite. */
export interface CreateInviteProps {
  createdBy: UserId;
  /** When set, only this e-mail address can accept the invite. */
  email?: string | undefined;
  validDays: number;
}

/** Creates an invite and returns it with its secret token, which is stored only as a hash. */
export async function createInvite(
  db: Db,
  clock: Clock,
  props: CreateInviteProps,
): Promise<{ invite: InviteRow; token: string }> {
  if (props.email && (await findUserByEmail(db, props.email))) throw emailTaken();
  const token = newToken();
  const now = clock.now();
  const invite: InviteRow = {
    id: newId(),
    token_hash: hashToken(token),
    email: props.email ?? null,
    created_by: props.createdBy,
    created_at: now,
    expires_at: now + props.validDays * 86_400_000,
    accepted_at: null,
    accepted_user_id: null,
  };
  await insertInvite(db, invite);
  return { invite, token };
}

/** Revokes an invite that was not accepted yet; NotFound otherwise. */
export async function revokeInvite(db: Db, id: string): Promise<void> {
  if (!(await deletePendingInvite(db, id))) {
    throw new NotFound('Invite not found', 'invite_not_found');
  }
}
