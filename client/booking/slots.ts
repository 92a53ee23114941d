// The slot picker's rules: which days a window shows in the guest's zone, where the seller's
// horizon ends, and free slots grouped by the day they start on in the zone the guest reads.
import type { SlotView } from '../../shared/api/booking';
import { addDays, dateKeyIn, dateRange, startOfDay } from './zones';
import type { DateKey } from './zones';

/** How many days the picker shows and loads at a time. */
export const WINDOW_DAYS = 14;

/** A run of days the picker shows, and the instants it loads slots for: [from, to). */
export interface SlotWindow {
  days: DateKey[];
  from: number;
  to: number;
}

/**
 * The last instant a meeting type can start before: the end of its horizon's last day in the
 * seller's zone, today (there) being the first.
 */
export function horizonEnd(now: number, sellerZone: string, horizonDays: number): number {
  return startOfDay(addDays(dateKeyIn(now, sellerZone), horizonDays), sellerZone);
}

/**
 * The window of `count` days from `first` in `zone`, cut where the horizon ends (a day that
 * starts at or after `end` has no slots and is not shown; the first day is always kept).
 */
export function slotWindow(
  first: DateKey,
  zone: string,
  end: number,
  count: number = WINDOW_DAYS,
): SlotWindow {
  const days = dateRange(first, count).filter((day, i) => i === 0 || startOfDay(day, zone) < end);
  const last = days[days.length - 1] ?? first;
  // Empty (to <= from) when the horizon has ended before the first day: nothing to load.
  return {
    days,
    from: startOfDay(first, zone),
    to: Math.min(startOfDay(addDays(last, 1), zone), end),
  };
}

/** Whether the window after the one starting at `first` would still hold bookable days. */
export function hasLaterWindow(
  first: DateKey,
  zone: string,
  end: number,
  count: number = WINDOW_DAYS,
): boolean {
  return startOfDay(addDays(first, count), zone) < end;
}

/** Whether there is an earlier window than the one at `first`: not before today in `zone`. */
export function hasEarlierWindow(first: DateKey, today: DateKey): boolean {
  return first > today;
}

/** The first day of the window before `first`, never before `today`. */
export function previousWindowStart(
  first: DateKey,
  today: DateKey,
  count: number = WINDOW_DAYS,
): DateKey {
  const earlier = addDays(first, -count);
  return earlier < today ? today : earlier;
}

/** Slots (or bookings) grouped by the date they start on in `zone`, each day's ascending. */
export function groupSlotsByDay<T extends Pick<SlotView, 'start'>>(
  slots: readonly T[],
  zone: string,
): Map<DateKey, T[]> {
  const byDay = new Map<DateKey, T[]>();
  const sorted = [...slots].sort((a, b) => a.start - b.start);
  for (const slot of sorted) {
    const day = dateKeyIn(slot.start, zone);
    const list = byDay.get(day);
    if (list) list.push(slot);
    else byDay.set(day, [slot]);
  }
  return byDay;
}

/** The first day of `days` that has slots, or null when none has. */
export function firstDayWithSlots(
  days: readonly DateKey[],
  byDay: ReadonlyMap<DateKey, readonly SlotView[]>,
): DateKey | null {
  return days.find((day) => (byDay.get(day)?.length ?? 0) > 0) ?? null;
}

/** The stable name of a slot for tests and keys: its start in UTC, ISO 8601. */
export function slotKey(slot: Pick<SlotView, 'start'>): string {
  return new Date(slot.start).toISOString();
}
