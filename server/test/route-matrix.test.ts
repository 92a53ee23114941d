// Every route, asked by every kind of caller: anonymous (no cookies at all), guest (a browser
// holding only a CSRF cookie and token, like a customer on a join page), another seller (signed
// in, but not the owner of the thing asked for), and the owner (of the account and the thing).
// The test fails when the app registers a route that this table does not cover.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CompanyId,
  ContactId,
  DeviceId,
  MachineId,
  OutboxMessageId,
  RoomId,
} from '../../shared/ids.js';
import { buildInvitation } from '../booking/invite.js';
import {
  anonymousAgent,
  createInviteToken,
  guestAgent,
  inviteSeller,
  setupOwner,
  signInAgain,
  TEST_PASSWORD,
} from './actors.js';
import type { Agent, AgentRequest, SignedIn } from './actors.js';
import { insertDevice, insertMachine } from './alarm-fixtures.js';
import { createTestApp } from './app.js';
import type { RegisteredRoute, TestApp } from './app.js';
import { DIALECTS } from './databases.js';
import { createCustomer } from './machines.js';
import type { BookedView } from '../../shared/api/booking.js';
import { hashToken } from '../lib/random.js';
import { guestForm, openBookingPage, TEST_SETTINGS, TEST_TYPE, tokenOf } from './booking.js';

const ACTORS = ['anonymous', 'guest', 'otherSeller', 'owner'] as const;
type Actor = (typeof ACTORS)[number];

/** What every probe can use: the app, the four callers, and the owner's rooms. */
interface World {
  t: TestApp;
  agents: Record<Actor, Agent>;
  owner: SignedIn;
  otherSeller: SignedIn;
  ownerRoom: { id: RoomId; handle: string };
}

interface Probe {
  /** What this probe asks, when a route is probed more than once. */
  what?: string;
  /** Builds the request for one actor; may create fresh resources first. */
  request(w: World, actor: Actor): AgentRequest | Promise<AgentRequest>;
  /** Expected status for anonymous, guest, other seller, owner. */
  expect: readonly [number, number, number, number];
  /** The request replaces or ends the caller's session, so it runs in a fresh one. */
  ownSession?: boolean;
  /** Further checks on the answer. */
  check?(res: LightMyRequestResponse, actor: Actor): void;
  /** The answer is an endless event stream: asked over a real socket, only its status is read. */
  stream?: boolean;
}

/** The status of a streaming route, asked over HTTP on a port; the stream is dropped at once. */
async function streamStatus(w: World, agent: Agent, req: AgentRequest): Promise<number> {
  const address = w.t.app.server.listening
    ? `http://127.0.0.1:${(w.t.app.server.address() as { port: number }).port}`
    : await w.t.app.listen({ host: '127.0.0.1', port: 0 });
  const controller = new AbortController();
  const res = await fetch(`${address}${req.url}`, {
    method: req.method,
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    signal: controller.signal,
  });
  controller.abort();
  return res.status;
}

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;
const get = (url: string) => ({ method: 'GET', url }) as const;
const SOME_TOKEN = 'A'.repeat(43);

const freshInviteToken = (w: World) => createInviteToken(w.owner.agent);
async function freshOwnerRoom(w: World): Promise<RoomId> {
  const res = await w.owner.agent.post('/api/rooms', { name: unique('Pop-up') });
  expect(res.statusCode).toBe(201);
  return res.json<{ room: { id: RoomId } }>().room.id;
}

/** A contact of the account owner's, not shared: other sellers must not learn it exists. */
async function freshOwnerContact(w: World): Promise<string> {
  const res = await w.owner.agent.post('/api/contacts', {
    name: unique('Kunde'),
    emails: [`${unique('kunde')}@example.test`],
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ contact: { id: string } }>().contact.id;
}

/** A machine of the account owner's (with one device), inserted as rows. */
async function freshOwnerDevice(w: World): Promise<{ machineId: MachineId; deviceId: DeviceId }> {
  const res = await w.owner.agent.post('/api/contacts', {
    name: unique('Kunde'),
    companyName: unique('Werk'),
  });
  expect(res.statusCode).toBe(201);
  const contact = res.json<{ contact: { id: ContactId; companyId: CompanyId } }>().contact;
  const machineId = await insertMachine(w.t.db, {
    ownerId: w.owner.user.id,
    companyId: contact.companyId,
    contactId: contact.id,
  });
  return { machineId, deviceId: await insertDevice(w.t.db, { machineId }) };
}

/** An offline alarm rule on a fresh device of the account owner's. */
async function freshOwnerAlarmRule(w: World): Promise<string> {
  const { deviceId } = await freshOwnerDevice(w);
  const res = await w.owner.agent.post(`/api/devices/${deviceId}/alarm-rules`, {
    kind: 'offline',
    intervals: 3,
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ rule: { id: string } }>().rule.id;
}

/** A message of the account owner's in the outbox, with a calendar invitation. */
async function freshOwnerMail(w: World): Promise<OutboxMessageId> {
  const start = Date.UTC(2026, 11, 1, 9, 0);
  const ics = buildInvitation({
    uid: `${unique('bk')}@nahbar.test`,
    sequence: 0,
    method: 'REQUEST',
    start,
    end: start + 20 * 60_000,
    stamp: start - 86_400_000,
    summary: 'Kennenlernen',
    description: 'Absagen: https://nahbar.test/b/c',
    location: 'https://nahbar.test/r/olga-owner',
    url: 'https://nahbar.test/r/olga-owner',
    organizer: { name: 'Olga Owner', email: w.owner.email },
    attendee: { name: 'Kunde', email: 'kunde@example.test' },
  });
  return w.t.ctx.mailer.send({
    sellerId: w.owner.user.id,
    to: 'Kunde <kunde@example.test>',
    subject: unique('Termin'),
    text: 'Bis bald',
    calendar: { method: 'REQUEST', ics },
  });
}

/** A machine body naming a contact at a fresh company of the owner's, or of the other seller's. */
async function freshMachineBody(w: World, of: 'owner' | 'otherSeller'): Promise<object> {
  const who = of === 'owner' ? w.owner : w.otherSeller;
  const customer = await createCustomer(who.agent, { companyName: unique('Werk') });
  return { name: unique('Fräse'), ...customer };
}

const DAY_MS = 86_400_000;

/** The account owner's booking page: its handle, its meeting type, and free slots to hand out. */
interface OwnerBookingPage {
  handle: string;
  typeId: string;
  bookUrl: string;
  slots: number[];
}
const ownerBookingPages = new WeakMap<World, Promise<OwnerBookingPage>>();

/** Opens the owner's booking page on first use (one per world) and lists its free slots. */
function ownerBookingPage(w: World): Promise<OwnerBookingPage> {
  let page = ownerBookingPages.get(w);
  if (!page) {
    page = (async () => {
      const opened = await openBookingPage(w.owner.agent, { type: { horizonDays: 365 } });
      // From tomorrow on, so that no slot runs out of time while the table is being probed.
      const from = Date.now() + DAY_MS;
      const res = await w.owner.agent.get(
        `${opened.bookUrl}/slots?from=${from}&to=${from + 60 * DAY_MS}`,
      );
      expect(res.statusCode).toBe(200);
      const slots = res.json<{ slots: { start: number }[] }>().slots.map((s) => s.start);
      return { handle: opened.handle, typeId: opened.type.id, bookUrl: opened.bookUrl, slots };
    })();
    ownerBookingPages.set(w, page);
  }
  return page;
}

/** A free slot of the owner's booking page that no other probe gets. */
async function nextOwnerSlot(w: World): Promise<number> {
  const slot = (await ownerBookingPage(w)).slots.shift();
  if (slot === undefined) throw new Error('the booking page has run out of slots');
  return slot;
}

/** A guest's booking with the account owner: its id and the guest's manage token. */
async function freshOwnerBooking(w: World): Promise<{ id: string; token: string }> {
  const { bookUrl } = await ownerBookingPage(w);
  const guest = await guestAgent(w.t);
  const form = guestForm(await nextOwnerSlot(w), { email: `${unique('gast')}@example.test` });
  const res = await guest.post(bookUrl, form);
  expect(res.statusCode).toBe(201);
  const token = tokenOf(res.json<BookedView>().manageUrl);
  const row = await w.t.db
    .selectFrom('bookings')
    .select('id')
    .where('manage_token_hash', '=', hashToken(token))
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** A meeting type of the account owner's: other sellers must not learn it exists. */
async function freshOwnerMeetingType(w: World): Promise<string> {
  const res = await w.owner.agent.post('/api/booking/meeting-types', {
    ...TEST_TYPE,
    name: unique('Demo'),
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ meetingType: { id: string } }>().meetingType.id;
}

/** The table: every registered route (HEAD routes follow their GET) and what each actor gets. */
const ROUTES: Record<string, Probe[]> = {
  'GET /healthz': [{ request: () => get('/healthz'), expect: [200, 200, 200, 200] }],
  'GET /api/csrf': [{ request: () => get('/api/csrf'), expect: [200, 200, 200, 200] }],
  'GET /api/session': [
    {
      request: () => get('/api/session'),
      expect: [200, 200, 200, 200],
      check: (res, actor) => {
        const { user } = res.json<{ user: { role: string } | null }>();
        const role = { anonymous: null, guest: null, otherSeller: 'seller', owner: 'owner' }[actor];
        expect(user?.role ?? null).toBe(role);
      },
    },
  ],
  'GET /index.html': [{ request: () => get('/index.html'), expect: [200, 200, 200, 200] }],
  'GET /r/:handle': [
    {
      what: 'a live room',
      request: (w) => get(`/r/${w.ownerRoom.handle}`),
      expect: [200, 200, 200, 200],
    },
    { what: 'an unknown room', request: () => get('/r/nobody-here'), expect: [404, 404, 404, 404] },
  ],
  'GET /book/:handle': [
    {
      what: "a seller's booking page",
      request: (w) => get(`/book/${w.ownerRoom.handle}`),
      expect: [200, 200, 200, 200],
    },
    {
      what: 'an unknown seller',
      request: () => get('/book/nobody-here'),
      expect: [404, 404, 404, 404],
    },
  ],
  'GET /book/:handle/:type': [
    {
      what: "a seller's meeting type",
      request: (w) => get(`/book/${w.ownerRoom.handle}/kennenlernen`),
      expect: [200, 200, 200, 200],
    },
    {
      what: 'an unknown seller',
      request: () => get('/book/nobody-here/kennenlernen'),
      expect: [404, 404, 404, 404],
    },
  ],
  // A plain GET without an upgrade is refused; the socket itself belongs to the lounge's tests.
  'GET /ws': [{ request: () => get('/ws'), expect: [404, 404, 404, 404] }],

  'GET /api/setup/:token': [
    {
      request: () => get(`/api/setup/${SOME_TOKEN}`),
      expect: [200, 200, 200, 200],
      check: (res) => expect(res.json()).toEqual({ valid: false }),
    },
  ],
  'POST /api/setup': [
    {
      request: () => ({
        method: 'POST',
        url: '/api/setup',
        body: {
          token: SOME_TOKEN,
          name: 'Mallory',
          email: `${unique('mallory')}@example.test`,
          password: TEST_PASSWORD,
        },
      }),
      expect: [403, 409, 409, 409],
    },
  ],
  'POST /api/login': [
    {
      what: 'own credentials (none for anonymous and guest)',
      request: (w, actor) => {
        const who = actor === 'owner' ? w.owner : actor === 'otherSeller' ? w.otherSeller : null;
        return {
          method: 'POST',
          url: '/api/login',
          body: who
            ? { email: who.email, password: who.password }
            : { email: 'nobody@example.test', password: TEST_PASSWORD },
        };
      },
      expect: [403, 401, 200, 200],
      ownSession: true,
    },
  ],
  'POST /api/logout': [
    {
      request: () => ({ method: 'POST', url: '/api/logout' }),
      expect: [403, 204, 204, 204],
      ownSession: true,
    },
  ],

  'POST /api/invites': [
    {
      request: () => ({ method: 'POST', url: '/api/invites', body: {} }),
      expect: [403, 401, 403, 201],
    },
  ],
  'GET /api/invites': [{ request: () => get('/api/invites'), expect: [401, 401, 403, 200] }],
  'DELETE /api/invites/:id': [
    {
      request: async (w) => {
        const res = await w.owner.agent.post('/api/invites', {});
        const { id } = res.json<{ invite: { id: string } }>().invite;
        return { method: 'DELETE', url: `/api/invites/${id}` };
      },
      expect: [403, 401, 403, 204],
    },
  ],
  'GET /api/invites/:token': [
    {
      request: async (w) => get(`/api/invites/${await freshInviteToken(w)}`),
      expect: [200, 200, 200, 200],
      check: (res) => expect(res.json()).toEqual({ valid: true, email: null }),
    },
  ],
  'POST /api/invites/:token/accept': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/invites/${await freshInviteToken(w)}/accept`,
        body: {
          name: 'New Seller',
          email: `${unique('new')}@example.test`,
          password: TEST_PASSWORD,
        },
      }),
      expect: [403, 201, 201, 201],
      ownSession: true,
    },
  ],
  'GET /api/team': [{ request: () => get('/api/team'), expect: [401, 401, 403, 200] }],

  'GET /api/rooms': [
    {
      request: () => get('/api/rooms'),
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        const handles = res.json<{ rooms: { handle: string }[] }>().rooms.map((r) => r.handle);
        expect(handles.includes('olga-owner')).toBe(actor === 'owner');
      },
    },
  ],
  'POST /api/rooms': [
    {
      request: () => ({ method: 'POST', url: '/api/rooms', body: { name: unique('Showroom') } }),
      expect: [403, 401, 201, 201],
    },
  ],
  'PATCH /api/rooms/:id': [
    {
      request: (w) => ({
        method: 'PATCH',
        url: `/api/rooms/${w.ownerRoom.id}`,
        body: { mode: 'knock' },
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'DELETE /api/rooms/:id': [
    {
      request: async (w) => ({ method: 'DELETE', url: `/api/rooms/${await freshOwnerRoom(w)}` }),
      expect: [403, 401, 404, 204],
    },
  ],
  'GET /api/rooms/public/:handle': [
    {
      what: 'a live room',
      request: (w) => get(`/api/rooms/public/${w.ownerRoom.handle}`),
      expect: [200, 200, 200, 200],
      check: (res, actor) => {
        const { room } = res.json<{ room: Record<string, unknown> }>();
        const host = actor === 'owner';
        expect(room.isHost).toBe(host);
        expect('id' in room).toBe(host);
        expect('mode' in room).toBe(host);
      },
    },
    {
      what: 'an unknown room',
      request: () => get('/api/rooms/public/nobody-here'),
      expect: [404, 404, 404, 404],
    },
  ],

  'GET /api/contacts': [
    {
      request: () => get('/api/contacts'),
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        const names = res.json<{ contacts: { name: string }[] }>().contacts.map((c) => c.name);
        // The owner's contacts are not shared: the other seller sees none of them.
        if (actor === 'otherSeller') expect(names.filter((n) => n.startsWith('Kunde'))).toEqual([]);
      },
    },
  ],
  'POST /api/contacts': [
    {
      request: () => ({ method: 'POST', url: '/api/contacts', body: { name: unique('Neu') } }),
      expect: [403, 401, 201, 201],
    },
  ],
  'POST /api/contacts/merge': [
    {
      request: async (w) => ({
        method: 'POST',
        url: '/api/contacts/merge',
        body: { keepId: await freshOwnerContact(w), mergeId: await freshOwnerContact(w) },
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'GET /api/contacts/:id': [
    {
      request: async (w) => get(`/api/contacts/${await freshOwnerContact(w)}`),
      expect: [401, 401, 404, 200],
    },
  ],
  'PUT /api/contacts/:id': [
    {
      request: async (w) => ({
        method: 'PUT',
        url: `/api/contacts/${await freshOwnerContact(w)}`,
        body: { name: 'Changed' },
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'POST /api/contacts/:id/touchpoints': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/contacts/${await freshOwnerContact(w)}/touchpoints`,
        body: { kind: 'call' },
      }),
      expect: [403, 401, 404, 201],
    },
  ],
  'POST /api/touchpoints/:id/next-step-done': [
    {
      request: async (w) => {
        const contactId = await freshOwnerContact(w);
        const res = await w.owner.agent.post(`/api/contacts/${contactId}/touchpoints`, {
          kind: 'call',
          nextStep: 'Angebot schicken',
          nextStepDueAt: Date.now(),
        });
        const { id } = res.json<{ touchpoint: { id: string } }>().touchpoint;
        return { method: 'POST', url: `/api/touchpoints/${id}/next-step-done` };
      },
      expect: [403, 401, 404, 200],
    },
  ],
  'GET /api/tag-cadences': [
    { request: () => get('/api/tag-cadences'), expect: [401, 401, 200, 200] },
  ],
  'PUT /api/tag-cadences/:tag': [
    {
      request: () => ({ method: 'PUT', url: '/api/tag-cadences/partner', body: { days: 21 } }),
      expect: [403, 401, 403, 200],
    },
  ],
  'DELETE /api/tag-cadences/:tag': [
    {
      request: () => ({ method: 'DELETE', url: '/api/tag-cadences/partner' }),
      expect: [403, 401, 403, 204],
    },
  ],
  'POST /api/contacts/:id/snooze': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/contacts/${await freshOwnerContact(w)}/snooze`,
        body: { days: 7 },
      }),
      expect: [403, 401, 404, 204],
    },
  ],
  'POST /api/contacts/:id/link': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/contacts/${await freshOwnerContact(w)}/link`,
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'GET /api/contacts/:id/export': [
    {
      request: async (w) => get(`/api/contacts/${await freshOwnerContact(w)}/export`),
      expect: [401, 401, 404, 200],
    },
  ],
  'DELETE /api/contacts/:id': [
    {
      request: async (w) => ({
        method: 'DELETE',
        url: `/api/contacts/${await freshOwnerContact(w)}`,
      }),
      expect: [403, 401, 404, 204],
    },
  ],
  'POST /api/imports/csv/preview': [
    {
      request: () => ({
        method: 'POST',
        url: '/api/imports/csv/preview',
        body: 'Name;E-Mail\r\nVera Vorschau;vera@example.test\r\n',
        headers: { 'content-type': 'text/csv' },
      }),
      expect: [403, 401, 200, 200],
    },
  ],
  'POST /api/imports/csv': [
    {
      request: () => ({
        method: 'POST',
        url: `/api/imports/csv?mapping=${encodeURIComponent('["name","email"]')}`,
        body: `Name;E-Mail\r\n${unique('Imma Import')};${unique('imma')}@example.test\r\n`,
        headers: { 'content-type': 'text/csv' },
      }),
      expect: [403, 401, 200, 200],
    },
  ],
  'POST /api/imports/vcard': [
    {
      request: () => ({
        method: 'POST',
        url: '/api/imports/vcard',
        body: `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${unique('Vicky Vcard')}\r\nEND:VCARD\r\n`,
        headers: { 'content-type': 'text/vcard' },
      }),
      expect: [403, 401, 200, 200],
    },
  ],
  'GET /api/exports/contacts.csv': [
    {
      request: async (w) => {
        await freshOwnerContact(w);
        return get('/api/exports/contacts.csv');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        // The owner's contacts are not shared: they are in no one else's export.
        expect(res.body.includes('Kunde-')).toBe(actor === 'owner');
      },
    },
  ],
  'GET /api/exports/contacts.vcf': [
    {
      request: async (w) => {
        await freshOwnerContact(w);
        return get('/api/exports/contacts.vcf');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        expect(res.body.includes('Kunde-')).toBe(actor === 'owner');
      },
    },
  ],
  'GET /api/today': [
    {
      request: async (w) => {
        await freshOwnerContact(w);
        return get('/api/today');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200 || actor !== 'otherSeller') return;
        // Today lists the seller's own people only, none of the owner's.
        const { entries } = res.json<{ entries: { contact: { name: string } }[] }>();
        expect(entries.filter((e) => e.contact.name.startsWith('Kunde'))).toEqual([]);
      },
    },
  ],
  'GET /api/search': [
    {
      request: async (w) => {
        await freshOwnerContact(w);
        return get('/api/search?q=kunde');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        const { results } = res.json<{ results: unknown[] }>();
        if (actor === 'otherSeller') expect(results).toEqual([]);
        if (actor === 'owner') expect(results.length).toBeGreaterThan(0);
      },
    },
  ],

  'GET /api/machines': [
    {
      request: async (w) => {
        await freshOwnerDevice(w);
        return get('/api/machines');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        const { machines } = res.json<{ machines: { companyName: string }[] }>();
        // The owner's machines are the owner's: the other seller sees none of them.
        const owners = machines.filter((m) => m.companyName.startsWith('Werk'));
        if (actor === 'otherSeller') expect(owners).toEqual([]);
        if (actor === 'owner') expect(owners.length).toBeGreaterThan(0);
      },
    },
  ],
  'POST /api/machines': [
    {
      what: "the owner's company",
      request: async (w) => ({
        method: 'POST',
        url: '/api/machines',
        body: await freshMachineBody(w, 'owner'),
      }),
      expect: [403, 401, 400, 201],
    },
    {
      what: "the caller's own company",
      request: async (w, actor) => ({
        method: 'POST',
        url: '/api/machines',
        body: await freshMachineBody(w, actor === 'otherSeller' ? 'otherSeller' : 'owner'),
      }),
      expect: [403, 401, 201, 201],
    },
  ],
  'GET /api/machines/:id': [
    {
      request: async (w) => get(`/api/machines/${(await freshOwnerDevice(w)).machineId}`),
      expect: [401, 401, 404, 200],
      // Neither a token nor its hash is ever part of a machine.
      check: (res) => expect(res.body).not.toContain('token'),
    },
  ],
  'GET /api/machines/:id/series': [
    {
      request: async (w) =>
        get(`/api/machines/${(await freshOwnerDevice(w)).machineId}/series?range=24h`),
      expect: [401, 401, 404, 200],
    },
  ],
  'GET /api/machines/:id/live': [
    {
      request: async (w) => get(`/api/machines/${(await freshOwnerDevice(w)).machineId}/live`),
      expect: [401, 401, 404, 200],
      stream: true,
    },
  ],
  // A machine shared into a call: only a live grant opens it, whoever asks (tests with a grant
  // are in server/lounge/machine-share.test.ts).
  'GET /api/shared/:grant': [
    { request: () => get('/api/shared/no.grant'), expect: [403, 403, 403, 403] },
  ],
  'GET /api/shared/:grant/series': [
    { request: () => get('/api/shared/no.grant/series'), expect: [403, 403, 403, 403] },
  ],
  'GET /api/shared/:grant/live': [
    { request: () => get('/api/shared/no.grant/live'), expect: [403, 403, 403, 403] },
  ],
  // The device API: the token in the path is the only credential; no cookie helps or is needed.
  'POST /api/v1/:token/telemetry': [
    {
      request: () => ({ method: 'POST', url: `/api/v1/nbd_${'x'.repeat(43)}/telemetry`, body: {} }),
      expect: [401, 401, 401, 401],
    },
  ],
  'PATCH /api/machines/:id': [
    {
      request: async (w) => ({
        method: 'PATCH',
        url: `/api/machines/${(await freshOwnerDevice(w)).machineId}`,
        body: { name: 'Umbenannt' },
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'DELETE /api/machines/:id': [
    {
      request: async (w) => ({
        method: 'DELETE',
        url: `/api/machines/${(await freshOwnerDevice(w)).machineId}`,
      }),
      expect: [403, 401, 404, 204],
    },
  ],
  'POST /api/machines/:id/devices': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/machines/${(await freshOwnerDevice(w)).machineId}/devices`,
        body: { name: 'Sensor' },
      }),
      expect: [403, 401, 404, 201],
      check: (res) => {
        if (res.statusCode === 201) expect(res.json<{ token: string }>().token).toMatch(/^nbd_/);
      },
    },
  ],
  'PATCH /api/devices/:id': [
    {
      request: async (w) => ({
        method: 'PATCH',
        url: `/api/devices/${(await freshOwnerDevice(w)).deviceId}`,
        body: { expectedIntervalSeconds: 30 },
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'DELETE /api/devices/:id': [
    {
      request: async (w) => ({
        method: 'DELETE',
        url: `/api/devices/${(await freshOwnerDevice(w)).deviceId}`,
      }),
      expect: [403, 401, 404, 204],
    },
  ],
  'PUT /api/devices/:id/keys/:key': [
    {
      request: async (w) => ({
        method: 'PUT',
        url: `/api/devices/${(await freshOwnerDevice(w)).deviceId}/keys/temp`,
        body: { displayName: 'Temperatur', unit: '°C' },
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'POST /api/devices/:id/token': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/devices/${(await freshOwnerDevice(w)).deviceId}/token`,
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'DELETE /api/devices/:id/token': [
    {
      request: async (w) => ({
        method: 'DELETE',
        url: `/api/devices/${(await freshOwnerDevice(w)).deviceId}/token`,
      }),
      expect: [403, 401, 404, 204],
    },
  ],
  'GET /api/machines/:id/alarms': [
    {
      request: async (w) => get(`/api/machines/${(await freshOwnerDevice(w)).machineId}/alarms`),
      expect: [401, 401, 404, 200],
    },
  ],
  'GET /api/devices/:id/alarm-rules': [
    {
      request: async (w) => get(`/api/devices/${(await freshOwnerDevice(w)).deviceId}/alarm-rules`),
      expect: [401, 401, 404, 200],
    },
  ],
  'POST /api/devices/:id/alarm-rules': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/devices/${(await freshOwnerDevice(w)).deviceId}/alarm-rules`,
        body: { kind: 'above', key: 'temp', threshold: 80 },
      }),
      expect: [403, 401, 404, 201],
    },
  ],
  'DELETE /api/alarm-rules/:id': [
    {
      request: async (w) => ({
        method: 'DELETE',
        url: `/api/alarm-rules/${await freshOwnerAlarmRule(w)}`,
      }),
      expect: [403, 401, 404, 204],
    },
  ],

  'GET /api/outbox': [
    {
      request: async (w) => {
        await freshOwnerMail(w);
        return get('/api/outbox');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        const { messages } = res.json<{ messages: { subject: string }[] }>();
        // The owner's mail is the owner's: another seller's outbox shows none of it.
        const owners = messages.filter((m) => m.subject.startsWith('Termin'));
        if (actor === 'otherSeller') expect(owners).toEqual([]);
        if (actor === 'owner') expect(owners.length).toBeGreaterThan(0);
      },
    },
  ],
  'GET /api/outbox/:id/ics': [
    {
      request: async (w) => get(`/api/outbox/${await freshOwnerMail(w)}/ics`),
      expect: [401, 401, 404, 200],
      check: (res) => {
        if (res.statusCode === 200) expect(res.body).toContain('METHOD:REQUEST');
      },
    },
  ],

  // Booking, seller side: each seller's own settings, meeting types and bookings; the account
  // owner sees every seller's bookings.
  'GET /api/booking/settings': [
    { request: () => get('/api/booking/settings'), expect: [401, 401, 200, 200] },
  ],
  'PUT /api/booking/settings': [
    {
      request: () => ({ method: 'PUT', url: '/api/booking/settings', body: TEST_SETTINGS }),
      expect: [403, 401, 200, 200],
    },
  ],
  'GET /api/booking/meeting-types': [
    {
      request: async (w) => {
        await ownerBookingPage(w);
        return get('/api/booking/meeting-types');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        const { meetingTypes } = res.json<{ meetingTypes: { name: string }[] }>();
        // The owner's page type is the owner's: another seller's list never has it.
        expect(meetingTypes.some((m) => m.name === 'Kennenlernen')).toBe(actor === 'owner');
      },
    },
  ],
  'POST /api/booking/meeting-types': [
    {
      request: () => ({
        method: 'POST',
        url: '/api/booking/meeting-types',
        body: { ...TEST_TYPE, name: unique('Demo') },
      }),
      expect: [403, 401, 201, 201],
    },
  ],
  'PUT /api/booking/meeting-types/:id': [
    {
      request: async (w) => ({
        method: 'PUT',
        url: `/api/booking/meeting-types/${await freshOwnerMeetingType(w)}`,
        body: TEST_TYPE,
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  'DELETE /api/booking/meeting-types/:id': [
    {
      request: async (w) => ({
        method: 'DELETE',
        url: `/api/booking/meeting-types/${await freshOwnerMeetingType(w)}`,
      }),
      expect: [403, 401, 404, 204],
    },
  ],
  'GET /api/bookings': [
    {
      request: async (w) => {
        await freshOwnerBooking(w);
        return get('/api/bookings');
      },
      expect: [401, 401, 200, 200],
      check: (res, actor) => {
        if (res.statusCode !== 200) return;
        const { bookings } = res.json<{ bookings: { seller: { name: string } }[] }>();
        const owners = bookings.filter((b) => b.seller.name === 'Olga Owner');
        // The owner's bookings are the owner's: another seller sees none of them.
        expect(owners.length > 0).toBe(actor === 'owner');
      },
    },
  ],
  'POST /api/bookings/:id/cancel': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/bookings/${(await freshOwnerBooking(w)).id}/cancel`,
      }),
      expect: [403, 401, 404, 200],
    },
  ],
  // Booking, guest side: no account needed; the handle, slug or manage token is the key.
  'GET /api/book/:handle': [
    {
      what: "the owner's page",
      request: async (w) => get(`/api/book/${(await ownerBookingPage(w)).handle}`),
      expect: [200, 200, 200, 200],
    },
    {
      what: 'an unknown page',
      request: () => get('/api/book/nobody-here'),
      expect: [404, 404, 404, 404],
    },
  ],
  'GET /api/book/:handle/:type/slots': [
    {
      request: async (w) => {
        const { bookUrl } = await ownerBookingPage(w);
        const from = Date.now();
        return get(`${bookUrl}/slots?from=${from}&to=${from + 7 * DAY_MS}`);
      },
      expect: [200, 200, 200, 200],
    },
  ],
  'POST /api/book/:handle/:type': [
    {
      request: async (w) => ({
        method: 'POST',
        url: (await ownerBookingPage(w)).bookUrl,
        body: guestForm(await nextOwnerSlot(w), { email: `${unique('gast')}@example.test` }),
      }),
      expect: [403, 201, 201, 201],
    },
  ],
  'GET /api/bookings/manage/:token': [
    {
      what: 'a live token',
      request: async (w) => get(`/api/bookings/manage/${(await freshOwnerBooking(w)).token}`),
      expect: [200, 200, 200, 200],
      // A guest's view: no e-mail, phone or answers of the guest, nothing of the seller's.
      check: (res) => expect(res.body).not.toContain('example.test'),
    },
    {
      what: 'a wrong token',
      request: () => get(`/api/bookings/manage/${SOME_TOKEN}`),
      expect: [404, 404, 404, 404],
    },
  ],
  'POST /api/bookings/manage/:token/cancel': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/bookings/manage/${(await freshOwnerBooking(w)).token}/cancel`,
      }),
      expect: [403, 200, 200, 200],
    },
  ],
  'POST /api/bookings/manage/:token/reschedule': [
    {
      request: async (w) => ({
        method: 'POST',
        url: `/api/bookings/manage/${(await freshOwnerBooking(w)).token}/reschedule`,
        body: { start: await nextOwnerSlot(w) },
      }),
      expect: [403, 200, 200, 200],
    },
  ],

  // The API description is public, like any API documentation; it holds no data.
  'GET /api/docs': [{ request: () => get('/api/docs'), expect: [200, 200, 200, 200] }],
  'GET /api/docs/': [{ request: () => get('/api/docs/'), expect: [200, 200, 200, 200] }],
  'GET /api/docs/static/index.html': [
    { request: () => get('/api/docs/static/index.html'), expect: [302, 302, 302, 302] },
  ],
  'GET /api/docs/static/swagger-initializer.js': [
    {
      request: () => get('/api/docs/static/swagger-initializer.js'),
      expect: [200, 200, 200, 200],
    },
  ],
  'GET /api/docs/static/*': [
    {
      request: () => get('/api/docs/static/swagger-ui.css'),
      expect: [200, 200, 200, 200],
    },
  ],
  'GET /api/docs/json': [
    {
      request: () => get('/api/docs/json'),
      expect: [200, 200, 200, 200],
      check: (res) => {
        const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
        expect(paths).toEqual(
          expect.arrayContaining(['/api/contacts', '/api/today', '/api/search']),
        );
      },
    },
  ],
  'GET /api/docs/yaml': [{ request: () => get('/api/docs/yaml'), expect: [200, 200, 200, 200] }],
};

/** The key under which a registered route appears in the table (HEAD routes follow their GET). */
function tableKey(route: RegisteredRoute): string {
  return `${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`;
}

describe.each(DIALECTS)('route matrix on %s', (dialect) => {
  const registered: RegisteredRoute[] = [];
  let w: World;

  beforeAll(async () => {
    const t = await createTestApp({
      dialect,
      // Many sign-ins and bookings from one address in one minute are the point of this test.
      config: { loginMaxPerMinute: 1000, bookingMaxPerMinute: 1000 },
      onRoute: (route) => registered.push(route),
    });
    const owner = await setupOwner(t, { name: 'Olga Owner' });
    const otherSeller = await inviteSeller(t, owner.agent, { name: 'Sven Seller' });
    const list = await owner.agent.get('/api/rooms');
    const [ownerRoom] = list.json<{ rooms: { id: RoomId; handle: string }[] }>().rooms;
    if (!ownerRoom) throw new Error('the owner has no personal room');
    w = {
      t,
      owner,
      otherSeller,
      ownerRoom,
      agents: {
        anonymous: anonymousAgent(t),
        guest: await guestAgent(t),
        otherSeller: otherSeller.agent,
        owner: owner.agent,
      },
    };
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it('has a row in the table for every registered route', () => {
    const missing = [...new Set(registered.map(tableKey))].filter((key) => !(key in ROUTES));
    expect(missing).toEqual([]);
    const stale = Object.keys(ROUTES).filter(
      (key) => !registered.some((route) => tableKey(route) === key),
    );
    expect(stale).toEqual([]);
  });

  it.each(Object.keys(ROUTES))('%s answers each actor as the table says', async (key) => {
    for (const probe of ROUTES[key] ?? []) {
      const actual: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const [index, actor] of ACTORS.entries()) {
        const agent = await agentFor(w, actor, probe.ownSession === true);
        const req = await probe.request(w, actor);
        const label = probe.what ? `${actor} (${probe.what})` : actor;
        wanted[label] = probe.expect[index] ?? -1;
        if (probe.stream) {
          actual[label] = await streamStatus(w, agent, req);
          continue;
        }
        const res = await agent.request(req);
        actual[label] = res.statusCode;
        if (res.statusCode === wanted[label]) probe.check?.(res, actor);
        if (req.method === 'GET') {
          // The HEAD route Fastify adds beside every GET answers with the same status.
          const head = await agent.clone().request({ ...req, method: 'HEAD' });
          actual[`${label} HEAD`] = head.statusCode;
          wanted[`${label} HEAD`] = wanted[label];
        }
      }
      expect(actual).toEqual(wanted);
    }
  });
});

/** The actor's browser; a copy, or a new sign-in when the probe would end the actor's session. */
async function agentFor(w: World, actor: Actor, ownSession: boolean): Promise<Agent> {
  if (!ownSession) return w.agents[actor].clone();
  if (actor === 'owner') return (await signInAgain(w.t, w.owner)).agent;
  if (actor === 'otherSeller') return (await signInAgain(w.t, w.otherSeller)).agent;
  return actor === 'guest' ? guestAgent(w.t) : anonymousAgent(w.t);
}
