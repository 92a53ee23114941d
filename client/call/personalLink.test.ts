import { describe, expect, it } from 'vitest';
import { readPersonalLink } from './personalLink';

describe('readPersonalLink', () => {
  it('reads a well-formed token and ignores anything else', () => {
    expect(readPersonalLink('?c=abcdefghijklmnopqrstuv')).toBe('abcdefghijklmnopqrstuv');
    expect(readPersonalLink('')).toBeNull();
    expect(readPersonalLink('?c=short')).toBeNull();
    expect(readPersonalLink('?c=<script>alert(1)</script>xxxxxxxx')).toBeNull();
  });
});
