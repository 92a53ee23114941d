// The slot engine: where a guest can book one meeting type of one seller. Pure: availability,
// rules, existing bookings, a window and `now` go in; slots (UTC epoch ms) come out, ascending.
//
// Semantics:
// - Working hours are wall-clock times in the seller's zone. A working interval "from–to" on a
//   date runs in real time from the first instant the seller's clock reads `from` (or later) to
//   the first instant it reads `to` (or later). So across a spring-forward switch the interval is
//   shorter in real time (02:00–04:00 on 2026-03-29 in Berlin is one hour, 03:00–04:00 CEST) and
//   across a fall-back switch it is longer (02:00–04:00 on 2026-10-25 is three hours).
// - Slot starts lie on a wall-clock grid: `from`, `from` + step, … of each working interval.
//   Intervals of one day that touch are merged first, so a meeting may run across the seam;
//   intervals of different days are never merged (a meeting does not run across midnight).
//   A grid time the clock skips (02:30 on a spring-forward day) has no instant, so no slot.
//   A grid time the clock shows twice (02:30 on 2026-10-25 in Berlin) gives two slots, one at
//   each instant; they are distinct real times and can be booked independently.
// - The meeting itself lies inside the working interval (in real time). Its buffers need not:
//   a 09:00 slot with a 15-minute buffer before is fine when the day starts at 09:00.
// - A slot is free when its buffered time [start − before, end + after) overlaps no existing
//   booking's buffered time (each booking with the buffers it was booked with). Touching is fine.
// - Minimum notice: a slot starts at or after now + notice. The horizon counts whole days in the
//   seller's zone, today being the first, so its last day is never cut off at the current time.
// - The daily limit counts the existing bookings of this meeting type by the seller-local date of
//   their start; a day that has reached it offers no slots of this type.
// - The window [from, to) selects slots by their start.
import type { Availability, MeetingTypeTiming } from '../../shared/booking.js';
import { WEEKDAYS } from '../../shared/booking.js';
import { parseMinutes, wallClock } from '../today/time-zone.js';
import { ZoneTimeline } from './zone-timeline.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A bookable slot: the meeting's start and end in UTC epoch milliseconds, without buffers. */
export interface Slot {
  start: number;
  end: number;
}

/** An existing booking of the seller, of any meeting type; it blocks its time and its buffers. */
export interface ExistingBooking {
  start: number;
  end: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Counts toward the daily limit of the meeting type with this id. */
  meetingTypeId: string;
}

/** Everything that decides the slots of one meeting type, apart from the window asked for. */
export interface SlotRules {
  availability: Availability;
  meetingType: MeetingTypeTiming & { id: string };
  /** The seller's bookings that still hold (leave out cancelled ones, and the one being moved). */
  bookings: readonly ExistingBooking[];
  now: number;
}

/** The slots asked for: those of `rules` that start in [from, to). */
export interface SlotQuery extends SlotRules {
  from: number;
  to: number;
}

// Minutes since local midnight, [from, to), sorted and merged.
type DayIntervals = readonly (readonly [number, number])[];

/** Computes the bookable slots of a meeting type that start in the query window, ascending. */
export function computeSlots(query: SlotQuery): Slot[] {
  const { availability, meetingType: type, now } = query;
  const durationMs = type.durationMinutes * MINUTE_MS;
  const stepMs = type.slotStepMinutes * MINUTE_MS;
  if (!(durationMs > 0 && stepMs > 0)) throw new RangeError('duration and step must be positive');

  const earliest = Math.max(query.from, now + type.minimumNoticeMinutes * MINUTE_MS);
  // Only bounds the work: the horizon proper is counted in seller-local days below.
  const latest = Math.min(query.to, now + (type.horizonDays + 1) * DAY_MS);
  if (earliest >= latest) return [];

  const zone = availability.timeZone;
  const timeline = ZoneTimeline.between(zone, earliest, latest);
  const localDay = (t: number) => Math.floor(timeline.wallAt(t) / DAY_MS);
  const today = wallClock(now, zone);
  const lastHorizonDay =
    Date.UTC(today.year, today.month - 1, today.day) / DAY_MS + type.horizonDays - 1;
  const firstDay = localDay(earliest);
  const lastDay = Math.min(localDay(latest - 1), lastHorizonDay);

  const hoursOn = readHours(availability);
  const full = fullDays(query.bookings, type, localDay);
  const busy = mergeBusy(query.bookings);
  const beforeMs = type.bufferBeforeMinutes * MINUTE_MS;
  const afterMs = type.bufferAfterMinutes * MINUTE_MS;

  const slots: Slot[] = [];
  // Candidates come in ascending order, so one pointer sweeps the busy list once.
  let next = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (full.has(day)) continue;
    for (const [from, to] of hoursOn(day)) {
      const starts = gridStarts(timeline, day, from, to, stepMs, durationMs, earliest);
      for (const start of starts) {
        if (start >= latest) break;
        const blockedFrom = start - beforeMs;
        const blockedTo = start + durationMs + afterMs;
        while (next < busy.length && busy[next]![1] <= blockedFrom) next++;
        if (next < busy.length && busy[next]![0] < blockedTo) continue;
        slots.push({ start, end: start + durationMs });
      }
    }
  }
  return slots;
}

/**
 * The slot that starts exactly at `start` if it is bookable now under `rules`, else null. The
 * booking endpoint checks a requested start with it before it inserts.
 */
export function findBookableSlot(rules: SlotRules, start: number): Slot | null {
  if (!Number.isSafeInteger(start)) return null;
  const [slot] = computeSlots({ ...rules, from: start, to: start + 1 });
  return slot?.start === start ? slot : null;
}

// The slot starts of one working interval [from, to) (minutes) on a seller-local day that start
// at or after `earliest`: grid times that exist on the wall clock, each at every instant it
// shows, whose meeting ends within the interval; ascending.
function gridStarts(
  timeline: ZoneTimeline,
  day: number,
  from: number,
  to: number,
  stepMs: number,
  durationMs: number,
  earliest: number,
): number[] {
  const wallFrom = day * DAY_MS + from * MINUTE_MS;
  const begin = timeline.firstInstantAtOrAfter(wallFrom);
  const end = timeline.firstInstantAtOrAfter(day * DAY_MS + to * MINUTE_MS);
  const starts: number[] = [];
  // Within one offset span the wall clock runs with real time; a fall-back switch makes two
  // spans show the same wall times, which is how a repeated grid time yields two instants.
  for (const span of timeline.spans) {
    const pieceStart = Math.max(begin, span.start, earliest);
    const pieceEnd = Math.min(end, span.end);
    if (pieceStart >= pieceEnd) continue;
    const k = Math.max(0, Math.ceil((pieceStart + span.offset - wallFrom) / stepMs));
    for (let wall = wallFrom + k * stepMs; wall - span.offset < pieceEnd; wall += stepMs) {
      const start = wall - span.offset;
      if (start + durationMs > end) break;
      starts.push(start);
    }
  }
  return starts;
}

// The working intervals of each seller-local day (days since 1970-01-01): the date's override
// if there is one, else the weekday's hours.
function readHours(availability: Availability): (day: number) => DayIntervals {
  const weekly = WEEKDAYS.map((weekday) => readDay(availability.weeklyHours[weekday]));
  const overrides = new Map<number, DayIntervals>();
  for (const { date, intervals } of availability.overrides) {
    const [year = 1970, month = 1, dayOfMonth = 1] = date.split('-').map(Number);
    overrides.set(Date.UTC(year, month - 1, dayOfMonth) / DAY_MS, readDay(intervals));
  }
  // 1970-01-01 was a Thursday, index 3 of WEEKDAYS.
  return (day) => overrides.get(day) ?? weekly[(((day + 3) % 7) + 7) % 7]!;
}

function readDay(intervals: readonly { from: string; to: string }[]): DayIntervals {
  return mergeRanges(intervals.map(({ from, to }) => [parseMinutes(from), parseMinutes(to)]));
}

// The seller-local days on which this meeting type has reached its daily limit.
function fullDays(
  bookings: readonly ExistingBooking[],
  type: SlotRules['meetingType'],
  localDay: (t: number) => number,
): Set<number> {
  const full = new Set<number>();
  if (type.dailyLimit === null) return full;
  const counts = new Map<number, number>();
  for (const booking of bookings) {
    if (booking.meetingTypeId !== type.id) continue;
    const day = localDay(booking.start);
    const count = (counts.get(day) ?? 0) + 1;
    counts.set(day, count);
    if (count >= type.dailyLimit) full.add(day);
  }
  return full;
}

// The bookings' buffered time as sorted, merged [start, end) intervals.
function mergeBusy(bookings: readonly ExistingBooking[]): [number, number][] {
  return mergeRanges(
    bookings.map((b) => [
      b.start - b.bufferBeforeMinutes * MINUTE_MS,
      b.end + b.bufferAfterMinutes * MINUTE_MS,
    ]),
  );
}

// Sorts [start, end) ranges and merges those that overlap or touch; empty ones are dropped.
function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    if (start >= end) continue;
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
