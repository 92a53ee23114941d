// Rules about a seller's booking setup: their settings (saved once to open the booking page) and
// their meeting types, each with a slug unique among the seller's types and questions with ids.
import type {
  BookingQuestion,
  BookingSettingsInput,
  MeetingTypeInput,
  WeeklyHours,
} from '../../shared/booking.js';
import type { MeetingTypeId, UserId } from '../../shared/ids.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/database.js';
import { Conflict, NotFound } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/random.js';
import { slugifyHandle } from '../rooms/room.service.js';
import type { BookingSettingsRow, MeetingTypeRow } from './booking.table.js';
import {
  findBookingSettings,
  findMeetingType,
  findMeetingTypeSlugsLike,
  findPersonalRoomOf,
  insertMeetingType,
  nextMeetingTypePosition,
  saveBookingSettings,
  updateMeetingTypeRow,
} from './meeting-type.repository.js';

const NINE_TO_FIVE = [{ from: '09:00', to: '17:00' }];

/** What an unsaved booking setup shows: Berlin, Monday to Friday 09:00–17:00, no cut-off. */
export const DEFAULT_BOOKING_SETTINGS: BookingSettingsInput = {
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    mon: NINE_TO_FIVE,
    tue: NINE_TO_FIVE,
    wed: NINE_TO_FIVE,
    thu: NINE_TO_FIVE,
    fri: NINE_TO_FIVE,
    sat: [],
    sun: [],
  } satisfies WeeklyHours,
  overrides: [],
  changeCutoffHours: null,
};

/** A seller's settings as stored (null until first saved) and their booking page's handle. */
export interface BookingSettingsRecord {
  handle: string;
  row: BookingSettingsRow | null;
}

const meetingTypeNotFound = () => new NotFound('Meeting type not found', 'meeting_type_not_found');
const slugTaken = () =>
  new Conflict('You already have a meeting type with this link', 'slug_taken');

/** Reads a seller's booking settings with their page's handle. */
export async function getBookingSettings(db: Db, sellerId: UserId): Promise<BookingSettingsRecord> {
  const [room, row] = await Promise.all([
    findPersonalRoomOf(db, sellerId),
    findBookingSettings(db, sellerId),
  ]);
  if (!room) throw new NotFound('No personal room', 'room_not_found');
  return { handle: room.handle, row: row ?? null };
}

/** Saves a seller's booking settings; the first save opens their booking page. */
export async function saveSettings(
  db: Db,
  clock: Clock,
  props: { sellerId: UserId; input: BookingSettingsInput },
): Promise<BookingSettingsRecord> {
  const { input } = props;
  const row: BookingSettingsRow = {
    seller_id: props.sellerId,
    time_zone: input.timeZone,
    weekly_hours: JSON.stringify(input.weeklyHours),
    overrides: JSON.stringify(input.overrides),
    change_cutoff_hours: input.changeCutoffHours,
    updated_at: clock.now(),
  };
  await saveBookingSettings(db, row);
  const { handle } = await getBookingSettings(db, props.sellerId);
  return { handle, row };
}

// Gives new questions an id and keeps the ids of those the seller kept.
function withIds(questions: MeetingTypeInput['questions']): BookingQuestion[] {
  return questions.map((q) => ({ id: q.id ?? newId(), label: q.label, required: q.required }));
}

// The columns a meeting type input sets (everything but ids, slug, position and times).
function inputColumns(input: MeetingTypeInput) {
  return {
    name: input.name,
    duration_minutes: input.durationMinutes,
    buffer_before_minutes: input.bufferBeforeMinutes,
    buffer_after_minutes: input.bufferAfterMinutes,
    minimum_notice_minutes: input.minimumNoticeMinutes,
    horizon_days: input.horizonDays,
    slot_step_minutes: input.slotStepMinutes,
    daily_limit: input.dailyLimit,
    questions: JSON.stringify(withIds(input.questions)),
    active: input.active ? 1 : 0,
  };
}

// The first free slug among `base`, `base-2`, `base-3`, … of the seller's types.
async function uniqueSlug(db: Db, sellerId: UserId, base: string): Promise<string> {
  const taken = new Set(await findMeetingTypeSlugsLike(db, sellerId, base));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

// Runs a write that may hit the (seller, slug) unique index and turns that into slug_taken.
async function guardSlug<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
}

/** Creates a meeting type of the seller; its slug is derived from the name unless given. */
export async function createMeetingType(
  db: Db,
  clock: Clock,
  props: { sellerId: UserId; input: MeetingTypeInput },
): Promise<MeetingTypeRow> {
  const { sellerId, input } = props;
  if (input.slug !== undefined) {
    const taken = await findMeetingTypeSlugsLike(db, sellerId, input.slug);
    if (taken.includes(input.slug)) throw slugTaken();
  }
  const now = clock.now();
  const row: MeetingTypeRow = {
    id: newId<MeetingTypeId>(),
    seller_id: sellerId,
    slug: input.slug ?? (await uniqueSlug(db, sellerId, slugifyHandle(input.name))),
    ...inputColumns(input),
    position: input.position ?? (await nextMeetingTypePosition(db, sellerId)),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  await guardSlug(() => insertMeetingType(db, row));
  return row;
}

/** Finds a meeting type of the seller; NotFound for anyone else's, so ids cannot be probed. */
export async function getOwnMeetingType(
  db: Db,
  sellerId: UserId,
  id: MeetingTypeId,
): Promise<MeetingTypeRow> {
  const row = await findMeetingType(db, sellerId, id);
  if (!row) throw meetingTypeNotFound();
  return row;
}

/**
 * Replaces a meeting type of the seller with the input; slug and position stay unless given.
 * Existing bookings keep the buffers they were booked with.
 */
export async function replaceMeetingType(
  db: Db,
  clock: Clock,
  props: { sellerId: UserId; id: MeetingTypeId; input: MeetingTypeInput },
): Promise<MeetingTypeRow> {
  const current = await getOwnMeetingType(db, props.sellerId, props.id);
  const { input } = props;
  if (input.slug !== undefined && input.slug !== current.slug) {
    const taken = await findMeetingTypeSlugsLike(db, props.sellerId, input.slug);
    if (taken.includes(input.slug)) throw slugTaken();
  }
  const patch = {
    ...inputColumns(input),
    slug: input.slug ?? current.slug,
    position: input.position ?? current.position,
    updated_at: clock.now(),
  };
  await guardSlug(() => updateMeetingTypeRow(db, current.id, patch));
  return { ...current, ...patch };
}

/**
 * Deletes a meeting type of the seller: it leaves the booking page and frees its slug, while its
 * bookings (confirmed ones included) stay as they are.
 */
export async function deleteMeetingType(
  db: Db,
  clock: Clock,
  props: { sellerId: UserId; id: MeetingTypeId },
): Promise<void> {
  const current = await getOwnMeetingType(db, props.sellerId, props.id);
  await updateMeetingTypeRow(db, current.id, { deleted_at: clock.now(), active: 0 });
}
