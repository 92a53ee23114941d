// Mapping of thrown errors to signaling error frames.
import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from '../errors.js';
import {
  forbidden,
  invalidMessage,
  resumeFailed,
  roomFull,
  roomLocked,
  roomNotFound,
  toErrorFrame,
} from './signal-errors.js';

describe('toErrorFrame', () => {
  it('keeps signaling codes of the named errors', () => {
    expect(toErrorFrame(roomNotFound())?.code).toBe('room_not_found');
    expect(toErrorFrame(roomFull())?.code).toBe('room_full');
    expect(toErrorFrame(roomLocked())?.code).toBe('room_locked');
    expect(toErrorFrame(resumeFailed())?.code).toBe('resume_failed');
    expect(toErrorFrame(forbidden('no'))).toEqual({ code: 'forbidden', message: 'no' });
    expect(toErrorFrame(invalidMessage('bad'))).toEqual({
      code: 'invalid_message',
      message: 'bad',
    });
  });

  it('maps the generic named errors by kind', () => {
    expect(toErrorFrame(new Invalid())?.code).toBe('invalid_message');
    expect(toErrorFrame(new NotFound('x', 'user_not_found'))?.code).toBe('not_found');
    expect(toErrorFrame(new Forbidden('x', 'owner_only'))?.code).toBe('forbidden');
    expect(toErrorFrame(new TooManyRequests())?.code).toBe('rate_limited');
  });

  it('treats everything else as unexpected', () => {
    expect(toErrorFrame(new Error('boom'))).toBeNull();
    expect(toErrorFrame(new Conflict())).toBeNull();
    expect(toErrorFrame('string')).toBeNull();
  });
});
