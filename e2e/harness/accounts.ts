// Accounts created through the real HTTP flows: the owner via the one-time setup link, sellers
// via invite links. Each signed-in user keeps the cookies a browser context needs.
import { z } from 'zod';
import type { RoomMode } from '../../shared/limits.js';
import { issueSetupLink } from '../../server/accounts/setup.js';
import { HttpClient } from './http.js';
import type { JarCookie } from './http.js';
import type { TestServer } from './server.js';

/** Password of every test account (the rule asks for at least 12 characters). */
export const TEST_PASSWORD = 'correct horse battery staple';

const SESSION_COOKIE = 'nahbar_session';

const roomSchema = z.looseObject({
  id: z.string(),
  handle: z.string(),
  name: z.string(),
  mode: z.enum(['knock', 'open', 'locked']).optional(),
  personal: z.boolean().optional(),
});
/** A room as `GET /api/rooms` lists it. */
export type TestRoom = z.infer<typeof roomSchema>;

/** An owner or seller signed in over HTTP. */
export class SignedInUser {
  constructor(
    readonly name: string,
    readonly email: string,
    readonly http: HttpClient,
  ) {}

  /** The session cookie, to be added to a browser context so its pages are signed in. */
  get sessionCookie(): JarCookie {
    const value = this.http.cookie(SESSION_COOKIE);
    if (!value) throw new Error(`${this.name} has no session cookie`);
    return { name: SESSION_COOKIE, value };
  }

  /** The user's live rooms, personal room first. */
  async rooms(): Promise<TestRoom[]> {
    const body = z.object({ rooms: z.array(roomSchema) }).parse(await this.http.get('/api/rooms'));
    return body.rooms;
  }

  /** The user's personal room (the one created with the account). */
  async personalRoom(): Promise<TestRoom> {
    const rooms = await this.rooms();
    const room = rooms.find((r) => r.personal === true) ?? rooms[0];
    if (!room) throw new Error(`${this.name} has no room`);
    return room;
  }

  /** Sets a room's lobby mode over HTTP, as the mode select does. */
  async setRoomMode(roomId: string, mode: RoomMode): Promise<void> {
    await this.http.patch(`/api/rooms/${encodeURIComponent(roomId)}`, { mode });
  }
}

function emailFor(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.test`;
}

/** Creates the owner through the setup link the server would print, and signs them in. */
export async function createOwner(server: TestServer, name = 'Olga Owner'): Promise<SignedInUser> {
  const link = await issueSetupLink(server.nahbar.db, server.url);
  if (!link) throw new Error('the server already has an owner');
  const token = new URL(link).pathname.split('/').pop() ?? '';
  const http = new HttpClient(server.url);
  const email = emailFor(name);
  await http.post('/api/setup', { token, name, email, password: TEST_PASSWORD });
  http.resetCsrf();
  return new SignedInUser(name, email, http);
}

/** The owner invites a seller by link; the seller accepts it in a fresh client and is signed in. */
export async function inviteSeller(owner: SignedInUser, name: string): Promise<SignedInUser> {
  const email = emailFor(name);
  const created = z
    .object({ invite: z.object({ url: z.string() }) })
    .parse(await owner.http.post('/api/invites', { email }));
  const token = new URL(created.invite.url).pathname.split('/').pop() ?? '';
  const http = new HttpClient(owner.http.baseUrl);
  await http.post(`/api/invites/${encodeURIComponent(token)}/accept`, {
    name,
    email,
    password: TEST_PASSWORD,
  });
  http.resetCsrf();
  return new SignedInUser(name, email, http);
}
