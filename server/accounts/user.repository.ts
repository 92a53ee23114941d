// Users in the database.
import type { UserId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { NewUser, UserRole, UserRow } from './account.table.js';

/** Finds a user by e-mail (stored lowercased). */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Finds a user by id. */
export async function findUserById(db: Db, id: UserId): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a user. */
export async function insertUser(db: Db, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

/** A team member with the handle of their personal room. */
export interface MemberRow {
  id: UserId;
  name: string;
  email: string;
  role: UserRole;
  created_at: number;
  room_handle: string | null;
}

/** Lists every user, owner first, then by joining date, with their personal room's handle. */
export async function listMembers(db: Db): Promise<MemberRow[]> {
  return db
    .selectFrom('users')
    .leftJoin('rooms', (join) =>
      join
        .onRef('rooms.owner_id', '=', 'users.id')
        .on('rooms.personal', '=', 1)
        .on('rooms.archived_at', 'is', null),
    )
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.role',
      'users.created_at',
      'rooms.handle as room_handle',
    ])
    .orderBy((eb) => eb.case().when('users.role', '=', 'owner').then(0).else(1).end())
    .orderBy('users.created_at', 'asc')
    .execute();
}
