import { describe, expect, it } from 'vitest';
import type { SlotView } from '../../shared/api/booking';
import { MAX_SKIPPED_WINDOWS, loadWindows } from './useSlots';
import type { SlotFetcher } from './useSlots';
import { startOfDay } from './zones';

const at = (iso: string) => Date.parse(iso);

/** A fake API with the given free slots; it records the windows asked for. */
function fakeApi(slots: SlotView[]): { fetch: SlotFetcher; asked: { from: number; to: number }[] } {
  const asked: { from: number; to: number }[] = [];
  const fetch: SlotFetcher = async (_handle, _slug, window) => {
    asked.push(window);
    return { slots: slots.filter((s) => s.start >= window.from && s.start < window.to) };
  };
  return { fetch, asked };
}

const query = {
  handle: 'anna',
  slug: 'demo',
  zone: 'UTC',
  first: '2026-12-01',
  end: startOfDay('2027-06-01', 'UTC'),
};

describe('loadWindows', () => {
  it('loads one window of two weeks when it has slots', async () => {
    const api = fakeApi([{ start: at('2026-12-03T10:00:00Z'), end: at('2026-12-03T10:30:00Z') }]);
    const loaded = await loadWindows({ ...query, skipEmpty: true }, undefined, api.fetch);
    expect(api.asked).toEqual([
      { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-15T00:00:00Z') },
    ]);
    expect(loaded.window.days[0]).toBe('2026-12-01');
    expect(loaded.slots).toHaveLength(1);
  });

  it('skips ahead over empty weeks to the first free slot on the first look', async () => {
    const api = fakeApi([{ start: at('2027-01-05T10:00:00Z'), end: at('2027-01-05T10:30:00Z') }]);
    const loaded = await loadWindows({ ...query, skipEmpty: true }, undefined, api.fetch);
    expect(api.asked).toHaveLength(3);
    expect(loaded.window.days[0]).toBe('2026-12-29');
    expect(loaded.slots).toHaveLength(1);
  });

  it('stays on the window asked for when paging, and gives up after a few empty ones', async () => {
    const paged = fakeApi([]);
    expect(
      (await loadWindows({ ...query, skipEmpty: false }, undefined, paged.fetch)).slots,
    ).toEqual([]);
    expect(paged.asked).toHaveLength(1);
    const empty = fakeApi([]);
    await loadWindows({ ...query, skipEmpty: true }, undefined, empty.fetch);
    expect(empty.asked).toHaveLength(MAX_SKIPPED_WINDOWS + 1);
  });

  it('never asks past the horizon', async () => {
    const api = fakeApi([]);
    const end = startOfDay('2026-12-20', 'UTC');
    await loadWindows({ ...query, end, skipEmpty: true }, undefined, api.fetch);
    expect(api.asked).toEqual([
      { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-15T00:00:00Z') },
      { from: at('2026-12-15T00:00:00Z'), to: end },
    ]);
  });
});
