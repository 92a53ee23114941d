// Factories for booking tests: a seller's booking page set up through the real API, a guest's
// booking form, and raw sellers, meeting types and bookings inserted as rows for the guard tests.
import type { BookedView, BookingView, MeetingTypeView } from '../../shared/api/booking.js';
import type { BookingSettingsInput, MeetingTypeInput } from '../../shared/booking.js';
import type { BookingId, MeetingTypeId, UserId } from '../../shared/ids.js';
import type { BookingRow } from '../booking/booking.table.js';
import type { Db } from '../db/database.js';
import { FakeClock } from '../lib/clock.js';
import { hashToken, newId, newToken } from '../lib/random.js';
import { expectStatus, guestAgent, setupOwner } from './actors.js';
import type { Agent, SignedIn } from './actors.js';
import { createTestApp } from './app.js';
import type { TestApp } from './app.js';
import type { TestDialect } from './databases.js';

const NINE_TO_FIVE = [{ from: '09:00', to: '17:00' }];
const MINUTE_MS = 60_000;

/** The settings a test page has unless it says otherwise: Berlin, Mon–Fri 09:00–17:00. */
export const TEST_SETTINGS: BookingSettingsInput = {
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    mon: NINE_TO_FIVE,
    tue: NINE_TO_FIVE,
    wed: NINE_TO_FIVE,
    thu: NINE_TO_FIVE,
    fri: NINE_TO_FIVE,
    sat: [],
    sun: [],
  },
  overrides: [],
  changeCutoffHours: null,
};

/** A 30-minute meeting type with no buffers, no notice, 60 days ahead, every 30 minutes. */
export const TEST_TYPE = {
  name: 'Kennenlernen',
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  horizonDays: 60,
  slotStepMinutes: 30,
  dailyLimit: null,
} satisfies Partial<MeetingTypeInput>;

/** Saves the agent's booking settings (TEST_SETTINGS with changes). */
export async function saveSettingsFor(
  agent: Agent,
  changes: Partial<BookingSettingsInput> = {},
): Promise<void> {
  const res = await agent.request({
    method: 'PUT',
    url: '/api/booking/settings',
    body: { ...TEST_SETTINGS, ...changes },
  });
  expectStatus(res, 200);
}

/** Creates a meeting type for the agent's seller (TEST_TYPE with changes). */
export async function createMeetingTypeFor(
  agent: Agent,
  changes: Record<string, unknown> = {},
): Promise<MeetingTypeView> {
  const res = await agent.post('/api/booking/meeting-types', { ...TEST_TYPE, ...changes });
  expectStatus(res, 201);
  return res.json<{ meetingType: MeetingTypeView }>().meetingType;
}

/** A seller's open booking page with one meeting type: its handle and the type. */
export interface TestPage {
  handle: string;
  type: MeetingTypeView;
  /** `/api/book/<handle>/<slug>`. */
  bookUrl: string;
}

/** Sets up the agent's booking page: settings and one meeting type. */
export async function openBookingPage(
  agent: Agent,
  opts: { settings?: Partial<BookingSettingsInput>; type?: Record<string, unknown> } = {},
): Promise<TestPage> {
  await saveSettingsFor(agent, opts.settings);
  const type = await createMeetingTypeFor(agent, opts.type);
  const settings = await agent.get('/api/booking/settings');
  const { handle } = settings.json<{ settings: { handle: string } }>().settings;
  return { handle, type, bookUrl: `/api/book/${handle}/${type.slug}` };
}

/** A guest's booking form for a start, with a name and e-mail unless given. */
export function guestForm(start: number, changes: Record<string, unknown> = {}) {
  return {
    start,
    name: 'Gerda Gast',
    email: 'gerda@example.test',
    company: 'Gast GmbH',
    phone: '+49 711 123456',
    message: 'Bis bald',
    timeZone: 'America/New_York',
    ...changes,
  };
}

/** The manage token at the end of a manage URL. */
export function tokenOf(manageUrl: string): string {
  return decodeURIComponent(manageUrl.slice(manageUrl.lastIndexOf('/') + 1));
}

/** Inserts a seller (user row only) for tests that work on rows. */
export async function insertSeller(db: Db, name = 'Sina Seller'): Promise<UserId> {
  const id = newId<UserId>();
  await db
    .insertInto('users')
    .values({
      id,
      email: `${id.toLowerCase()}@example.test`,
      name,
      password_hash: 'x',
      role: 'seller',
      created_at: 0,
    })
    .execute();
  return id;
}

/** Inserts a meeting type row of a seller. */
export async function insertMeetingTypeRow(db: Db, sellerId: UserId): Promise<MeetingTypeId> {
  const id = newId<MeetingTypeId>();
  await db
    .insertInto('meeting_types')
    .values({
      id,
      seller_id: sellerId,
      name: 'Kennenlernen',
      slug: `k-${id.toLowerCase()}`,
      duration_minutes: 30,
      buffer_before_minutes: 0,
      buffer_after_minutes: 0,
      minimum_notice_minutes: 0,
      horizon_days: 60,
      slot_step_minutes: 30,
      daily_limit: null,
      questions: '[]',
      active: 1,
      position: 0,
      created_at: 0,
      updated_at: 0,
      deleted_at: null,
    })
    .execute();
  return id;
}

/** A booking row from `start` to `end` with buffers in minutes (blocked times derived). */
export function bookingRow(
  sellerId: UserId,
  meetingTypeId: MeetingTypeId,
  times: { start: number; end: number; before?: number; after?: number },
  changes: Partial<BookingRow> = {},
): BookingRow {
  const id = newId<BookingId>();
  const before = times.before ?? 0;
  const after = times.after ?? 0;
  return {
    id,
    seller_id: sellerId,
    meeting_type_id: meetingTypeId,
    starts_at: times.start,
    ends_at: times.end,
    buffer_before_minutes: before,
    buffer_after_minutes: after,
    blocked_from: times.start - before * MINUTE_MS,
    blocked_to: times.end + after * MINUTE_MS,
    status: 'confirmed',
    guest_name: 'Gerda Gast',
    guest_email: 'gerda@example.test',
    guest_company: null,
    guest_phone: null,
    guest_message: null,
    answers: '[]',
    guest_time_zone: 'Europe/Berlin',
    guest_language: 'de',
    contact_id: null,
    touchpoint_id: null,
    contact_link_id: null,
    ical_uid: `${id}@nahbar.test`,
    sequence: 0,
    manage_token_hash: hashToken(newToken()),
    created_at: 0,
    updated_at: 0,
    cancelled_at: null,
    cancelled_by: null,
    ...changes,
  };
}

/** A booking page's world for e-mail tests: an app that sends to an SMTP server, and its seller. */
export interface MailWorld {
  t: TestApp;
  clock: FakeClock;
  /** The account owner, who books as "Sam Seller" (handle `sam-seller`), in Europe/Berlin. */
  seller: SignedIn;
  page: TestPage;
  guest: Agent;
}

/**
 * Builds an app on a fresh database whose mailer sends to `smtpUrl`, with a fake clock (Saturday
 * 2026-11-28 09:00 UTC) and the seller's booking page: TEST_TYPE with one required question.
 */
export async function createMailWorld(dialect: TestDialect, smtpUrl: string): Promise<MailWorld> {
  const clock = new FakeClock();
  const t = await createTestApp({
    dialect,
    clock,
    config: {
      bookingMaxPerMinute: 1000,
      mail: { smtpUrl, from: { name: 'Nahbar', address: 'nahbar@nahbar.test' } },
    },
  });
  try {
    const seller = await setupOwner(t, { name: 'Sam Seller', email: 'sam@seller.test' });
    const page = await openBookingPage(seller.agent, {
      type: { questions: [{ label: 'Welche Maschine?', required: true }] },
    });
    return { t, clock, seller, page, guest: await guestAgent(t) };
  } catch (err) {
    await t.close();
    throw err;
  }
}

/** A booking a guest made in a MailWorld: the guest's manage URL and token, the seller's view. */
export interface GuestBooking {
  manageUrl: string;
  token: string;
  booking: BookingView;
}

/** Books `start` on the world's page as a guest (answering every question) and reads it back. */
export async function bookAsGuest(
  w: MailWorld,
  start: number,
  changes: Record<string, unknown> = {},
): Promise<GuestBooking> {
  const answers = Object.fromEntries(w.page.type.questions.map((q) => [q.id, 'Fräse X']));
  const res = await w.guest.post(w.page.bookUrl, guestForm(start, { answers, ...changes }));
  expectStatus(res, 201);
  const { manageUrl } = res.json<BookedView>();
  const list = await w.seller.agent.get('/api/bookings?cancelled=true');
  const booking = list.json<{ bookings: BookingView[] }>().bookings.find((b) => b.start === start);
  if (!booking) throw new Error('the seller does not see the booking');
  return { manageUrl, token: tokenOf(manageUrl), booking };
}
