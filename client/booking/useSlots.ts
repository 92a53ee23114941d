// Loads the free slots of one meeting type for the days the picker shows, in the guest's zone.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchSlots } from '../api/booking';
import type { SlotView } from '../api/booking';
import { WINDOW_DAYS, groupSlotsByDay, hasLaterWindow, slotWindow } from './slots';
import type { SlotWindow } from './slots';
import { addDays } from './zones';
import type { DateKey } from './zones';

/** Most empty windows skipped on the way to the first free slot (two weeks each). */
export const MAX_SKIPPED_WINDOWS = 4;

/** What the slot picker shows: the days, their slots (null while loading) and a load error. */
export interface SlotsState {
  /** The window shown; later than asked for when empty windows were skipped. */
  window: SlotWindow;
  /** Slots by the day they start on in the zone; null while loading. */
  byDay: Map<DateKey, SlotView[]> | null;
  error: unknown;
  /** Loads the window again (after a slot was taken). */
  reload: () => void;
}

/** Props of useSlots. */
export interface SlotsQuery {
  handle: string;
  slug: string;
  /** The zone the guest reads times in; days are its calendar days. */
  zone: string;
  /** The first day asked for. */
  first: DateKey;
  /** The end of the meeting type's horizon (see `horizonEnd`). */
  end: number;
  /** Skip ahead over windows without a free slot (on the first look, not when paging). */
  skipEmpty: boolean;
  /** A number the caller raises to load again. */
  refresh?: number;
}

interface Loaded {
  /** What was asked for, without the reload counters. */
  base: string;
  key: string;
  window: SlotWindow;
  slots: SlotView[] | null;
  error: unknown;
}

/** Fetches the slots of a window (the API call; tests pass their own). */
export type SlotFetcher = (
  handle: string,
  slug: string,
  window: { from: number; to: number },
  signal?: AbortSignal,
) => Promise<{ slots: SlotView[] }>;

/**
 * Loads the window at `query.first`, and while it is empty and `skipEmpty` is set, the next ones
 * (up to MAX_SKIPPED_WINDOWS, never past the horizon); returns the window it stopped at.
 */
export async function loadWindows(
  query: Omit<SlotsQuery, 'refresh'>,
  signal?: AbortSignal,
  fetch: SlotFetcher = fetchSlots,
): Promise<{ window: SlotWindow; slots: SlotView[] }> {
  let first = query.first;
  for (let skipped = 0; ; skipped++) {
    const window = slotWindow(first, query.zone, query.end);
    const { slots } =
      window.to > window.from
        ? await fetch(query.handle, query.slug, { from: window.from, to: window.to }, signal)
        : { slots: [] };
    const more =
      query.skipEmpty &&
      slots.length === 0 &&
      skipped < MAX_SKIPPED_WINDOWS &&
      hasLaterWindow(first, query.zone, query.end);
    if (!more) return { window, slots };
    first = addDays(first, WINDOW_DAYS);
  }
}

/** The slots of the window at `first`; a new zone, type or window loads afresh. */
export function useSlots(query: SlotsQuery): SlotsState {
  const { handle, slug, zone, first, end, skipEmpty, refresh = 0 } = query;
  const asked = useMemo(() => slotWindow(first, zone, end), [first, zone, end]);
  const [round, setRound] = useState(0);
  const base = [handle, slug, zone, first, end, skipEmpty].join('|');
  const key = `${base}|${refresh}|${round}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    loadWindows({ handle, slug, zone, first, end, skipEmpty }, abort.signal).then(
      ({ window, slots }) => setLoaded({ base, key, window, slots, error: null }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ base, key, window: asked, slots: null, error });
      },
    );
    return () => abort.abort();
  }, [handle, slug, zone, first, end, skipEmpty, asked, base, key]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const current = loaded?.key === key ? loaded : null;
  const byDay = useMemo(
    () => (current?.slots ? groupSlotsByDay(current.slots, zone) : null),
    [current, zone],
  );
  // Loading again (after a slot was taken) keeps the days on screen where skipping led.
  const window = loaded?.base === base ? loaded.window : asked;
  return { window, byDay, error: current?.error ?? null, reload };
}
