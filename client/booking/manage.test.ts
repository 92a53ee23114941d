import { describe, expect, it } from 'vitest';
import { manageIntent, manageState } from './manage';

const HOUR = 3_600_000;
const start = Date.parse('2026-12-01T14:00:00Z');
const booking = {
  status: 'confirmed' as const,
  start,
  end: start + HOUR,
  changeable: true,
  changeableUntil: start - 24 * HOUR,
};

describe('manageState', () => {
  it('lets the guest change a booking before the cut-off', () => {
    expect(manageState(booking, start - 48 * HOUR)).toBe('changeable');
  });

  it('says it is too late within the cut-off, started during and over after the meeting', () => {
    expect(manageState(booking, start - 2 * HOUR)).toBe('tooLate');
    expect(manageState({ ...booking, changeable: false }, start - 48 * HOUR)).toBe('tooLate');
    expect(manageState(booking, start + 10 * 60_000)).toBe('started');
    expect(manageState(booking, start + 2 * HOUR)).toBe('over');
  });

  it('says cancelled for a cancelled booking, whenever it is looked at', () => {
    const cancelled = { ...booking, status: 'cancelled' as const, changeable: false };
    expect(manageState(cancelled, start - 48 * HOUR)).toBe('cancelled');
    expect(manageState(cancelled, start + 2 * HOUR)).toBe('cancelled');
  });
});

describe('manageIntent', () => {
  it("reads the invitation's reschedule and cancel links", () => {
    expect(manageIntent('reschedule')).toBe('reschedule');
    expect(manageIntent('cancel')).toBe('cancel');
    expect(manageIntent('other')).toBe('view');
    expect(manageIntent(undefined)).toBe('view');
  });
});
