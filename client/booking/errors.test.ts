import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { bookingProblem, needsNewSlot, needsReload } from './errors';

describe('bookingProblem', () => {
  it("maps the API's booking codes to the pages' problems", () => {
    const problem = (status: number, code: string) =>
      bookingProblem(new ApiError(status, code, code));
    expect(problem(409, 'slot_taken')).toBe('slotTaken');
    expect(problem(409, 'slot_unavailable')).toBe('slotUnavailable');
    expect(problem(409, 'change_too_late')).toBe('changeTooLate');
    expect(problem(409, 'booking_cancelled')).toBe('cancelled');
    expect(problem(409, 'booking_started')).toBe('started');
    expect(problem(404, 'booking_page_not_found')).toBe('pageNotFound');
    expect(problem(404, 'meeting_type_not_found')).toBe('typeNotFound');
    expect(problem(404, 'booking_not_found')).toBe('linkInvalid');
    expect(problem(429, 'rate_limited')).toBe('rateLimited');
    expect(problem(0, 'network')).toBe('network');
    expect(problem(400, 'something_new')).toBe('invalid');
    expect(problem(500, 'internal')).toBe('generic');
    expect(bookingProblem(new Error('boom'))).toBe('generic');
  });

  it('sends the guest back to the slots only when the time is gone', () => {
    expect(needsNewSlot('slotTaken')).toBe(true);
    expect(needsNewSlot('slotUnavailable')).toBe(true);
    expect(needsNewSlot('invalid')).toBe(false);
    expect(needsReload('cancelled')).toBe(true);
    expect(needsReload('changeTooLate')).toBe(true);
    expect(needsReload('slotTaken')).toBe(false);
  });
});
