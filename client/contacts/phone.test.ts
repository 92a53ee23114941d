import { describe, expect, it } from 'vitest';
import { formatPhone, telHref } from './phone';

describe('formatPhone', () => {
  it('groups E.164 numbers the international way', () => {
    expect(formatPhone('+4917012345678')).toBe('+49 170 12345678');
    expect(formatPhone('+13125550123')).toBe('+1 312 555 0123');
  });

  it('shows what it cannot read as it is', () => {
    expect(formatPhone('intern 42')).toBe('intern 42');
  });
});

describe('telHref', () => {
  it('keeps only the plus and the digits', () => {
    expect(telHref('+49 170 1234-567')).toBe('tel:+491701234567');
  });
});
