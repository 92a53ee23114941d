import { describe, expect, it } from 'vitest';
import type { KnockId } from '../../shared/ids';
import type { KnockInfo } from '../../shared/protocol/signaling';
import { formatWait, takeNewKnocks, titleWithBadge } from './knockAlerts';

function knock(id: string, name = id): KnockInfo {
  return { knockId: id as KnockId, name, knockedAt: 0, heldMessage: null };
}

describe('takeNewKnocks', () => {
  it('returns every knock of the first snapshot, several at once', () => {
    const seen = new Set<string>();
    const fresh = takeNewKnocks(seen, [knock('aaaaaaaa'), knock('bbbbbbbb'), knock('cccccccc')]);
    expect(fresh.map((k) => k.knockId)).toEqual(['aaaaaaaa', 'bbbbbbbb', 'cccccccc']);
  });

  it('returns only knocks that were not in any earlier snapshot', () => {
    const seen = new Set<string>();
    takeNewKnocks(seen, [knock('aaaaaaaa'), knock('bbbbbbbb')]);
    const fresh = takeNewKnocks(seen, [knock('bbbbbbbb'), knock('cccccccc'), knock('dddddddd')]);
    expect(fresh.map((k) => k.knockId)).toEqual(['cccccccc', 'dddddddd']);
  });

  it('does not alert again for a knock that left and reappears (e.g. held, then re-sent)', () => {
    const seen = new Set<string>();
    takeNewKnocks(seen, [knock('aaaaaaaa')]);
    takeNewKnocks(seen, []);
    expect(takeNewKnocks(seen, [knock('aaaaaaaa')])).toEqual([]);
  });

  it('alerts for a new knock by a guest whose name was seen before', () => {
    const seen = new Set<string>();
    takeNewKnocks(seen, [knock('aaaaaaaa', 'Jo')]);
    expect(takeNewKnocks(seen, [knock('bbbbbbbb', 'Jo')])).toHaveLength(1);
  });
});

describe('titleWithBadge', () => {
  it('prefixes the number of pending knocks', () => {
    expect(titleWithBadge('Lounge · Nahbar', 3)).toBe('(3) Lounge · Nahbar');
  });

  it('leaves the title alone when nobody waits', () => {
    expect(titleWithBadge('Lounge · Nahbar', 0)).toBe('Lounge · Nahbar');
  });
});

describe('formatWait', () => {
  it('formats minutes and seconds', () => {
    expect(formatWait(0)).toBe('0:00');
    expect(formatWait(65_400)).toBe('1:05');
  });

  it('adds hours for long waits', () => {
    expect(formatWait(3_725_000)).toBe('1:02:05');
  });

  it('shows zero when the server clock is ahead', () => {
    expect(formatWait(-5_000)).toBe('0:00');
  });
});
