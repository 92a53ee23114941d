import { describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts';
import {
  checkCadenceDays,
  checkCadenceTag,
  checkNewCadence,
  MAX_CADENCE_DAYS,
  MIN_CADENCE_DAYS,
  sortCadences,
  withCadence,
  withoutCadence,
} from './cadences';
import { contactsT } from './testing';

const existing = [
  { tag: 'key account', days: 14 },
  { tag: 'customer', days: 30 },
  { tag: 'prospect', days: 90 },
];

describe('checkCadenceDays', () => {
  it('reads whole days, ignoring spaces around them', () => {
    expect(checkCadenceDays(' 21 ')).toEqual({ ok: true, value: 21 });
    expect(checkCadenceDays('1')).toEqual({ ok: true, value: 1 });
    expect(checkCadenceDays('3650')).toEqual({ ok: true, value: 3650 });
  });

  it('asks for days when the field is blank', () => {
    expect(checkCadenceDays('  ')).toEqual({ ok: false, error: 'daysRequired' });
  });

  it('refuses fractions, signs, exponents and words as whole days', () => {
    for (const text of ['1.5', '1,5', '-3', '+3', '1e3', '0x10', 'dreißig', '3 0']) {
      expect(checkCadenceDays(text), text).toEqual({ ok: false, error: 'daysWhole' });
    }
  });

  it('refuses 0 and more than 3650 days', () => {
    expect(checkCadenceDays('0')).toEqual({ ok: false, error: 'daysRange' });
    expect(checkCadenceDays('3651')).toEqual({ ok: false, error: 'daysRange' });
  });

  it('has the same limits as the server', () => {
    const cadence = contactInputSchema.in.shape.cadenceDays;
    expect(cadence.safeParse(MIN_CADENCE_DAYS).success).toBe(true);
    expect(cadence.safeParse(MAX_CADENCE_DAYS).success).toBe(true);
    expect(cadence.safeParse(MIN_CADENCE_DAYS - 1).success).toBe(false);
    expect(cadence.safeParse(MAX_CADENCE_DAYS + 1).success).toBe(false);
  });
});

describe('checkCadenceTag', () => {
  it('stores tags trimmed and lower-case, as contacts carry them', () => {
    expect(checkCadenceTag('  Partner ', existing)).toEqual({ ok: true, value: 'partner' });
  });

  it('asks for a tag when the field is blank', () => {
    expect(checkCadenceTag(' ', existing)).toEqual({ ok: false, error: 'tagRequired' });
  });

  it('refuses tags longer than 40 characters', () => {
    expect(checkCadenceTag('x'.repeat(41), existing)).toEqual({
      ok: false,
      error: 'tagTooLong',
    });
    expect(checkCadenceTag('x'.repeat(40), existing).ok).toBe(true);
  });

  it('sends a tag that already has a cadence to its row instead', () => {
    expect(checkCadenceTag('Customer', existing)).toEqual({ ok: false, error: 'tagExists' });
  });
});

describe('checkNewCadence', () => {
  it('gives the cadence to send when tag and days are fine', () => {
    expect(checkNewCadence({ tag: 'Partner', days: '21' }, existing)).toEqual({
      ok: true,
      value: { tag: 'partner', days: 21 },
    });
  });

  it('reports every field that needs a fix at once', () => {
    expect(checkNewCadence({ tag: '', days: '0' }, existing)).toEqual({
      ok: false,
      error: { tag: 'tagRequired', days: 'daysRange' },
    });
    expect(checkNewCadence({ tag: 'partner', days: '' }, existing)).toEqual({
      ok: false,
      error: { days: 'daysRequired' },
    });
  });

  it('has a German and an English sentence for every error', async () => {
    const { de, en } = await contactsT();
    const codes = [
      'daysRequired',
      'daysWhole',
      'daysRange',
      'tagRequired',
      'tagTooLong',
      'tagExists',
    ] as const;
    for (const code of codes) {
      const key = `cadences.errors.${code}` as const;
      expect(de(key, { tag: 'kunde' }), code).not.toBe(key);
      expect(en(key, { tag: 'customer' }), code).not.toBe(key);
    }
    expect(en('cadences.fallback', { count: 60 })).toBe(
      'Contacts without a matching tag: every 60 days',
    );
    expect(de('cadences.fallback', { count: 60 })).toBe(
      'Kontakte ohne passenden Tag: alle 60 Tage',
    );
  });
});

describe('the cadence list', () => {
  it('is sorted by days, then by tag', () => {
    expect(
      sortCadences([
        { tag: 'b', days: 30 },
        { tag: 'a', days: 30 },
        { tag: 'c', days: 7 },
      ]).map((c) => c.tag),
    ).toEqual(['c', 'a', 'b']);
  });

  it('moves a changed cadence to its place and replaces the old value', () => {
    const changed = withCadence(existing, { tag: 'prospect', days: 7 });
    expect(changed).toEqual([
      { tag: 'prospect', days: 7 },
      { tag: 'key account', days: 14 },
      { tag: 'customer', days: 30 },
    ]);
    expect(withCadence(existing, { tag: 'partner', days: 21 }).map((c) => c.tag)).toEqual([
      'key account',
      'partner',
      'customer',
      'prospect',
    ]);
  });

  it('drops a removed cadence', () => {
    expect(withoutCadence(existing, 'customer').map((c) => c.tag)).toEqual([
      'key account',
      'prospect',
    ]);
  });
});
