import { describe, expect, it } from 'vitest';
import { classifyMediaError } from './deviceErrors';

function named(name: string): Error {
  const error = new Error('x');
  error.name = name;
  return error;
}

describe('classifyMediaError', () => {
  it('reports a refused permission as denied', () => {
    expect(classifyMediaError(named('NotAllowedError'))).toBe('denied');
    expect(classifyMediaError(named('SecurityError'))).toBe('denied');
  });

  it('reports a device held by another application as busy', () => {
    expect(classifyMediaError(named('NotReadableError'))).toBe('busy');
    expect(classifyMediaError(named('TrackStartError'))).toBe('busy');
  });

  it('reports absent devices and impossible constraints as missing', () => {
    expect(classifyMediaError(named('NotFoundError'))).toBe('missing');
    expect(classifyMediaError(named('OverconstrainedError'))).toBe('missing');
  });

  it('reports a browser without the media API as unsupported', () => {
    expect(classifyMediaError(new TypeError('undefined'))).toBe('unsupported');
  });

  it('falls back to unknown for anything else, even non-errors', () => {
    expect(classifyMediaError(named('WeirdError'))).toBe('unknown');
    expect(classifyMediaError('boom')).toBe('unknown');
    expect(classifyMediaError(null)).toBe('unknown');
  });
});
