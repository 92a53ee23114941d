import { describe, expect, it } from 'vitest';
import type { CompanyId, ContactId } from '../../shared/ids';
import {
  checkAlarmRule,
  checkDevice,
  checkKey,
  checkKeyMeta,
  checkMachine,
  emptyRuleDraft,
  parseDecimal,
} from './rules';

const COMPANY = 'comp-aaaaaaaa' as CompanyId;

describe('parseDecimal', () => {
  it('reads numbers as Germans and English speakers type them', () => {
    expect(parseDecimal('21.5')).toBe(21.5);
    expect(parseDecimal('21,5')).toBe(21.5);
    expect(parseDecimal(' -3 ')).toBe(-3);
    expect(parseDecimal(',5')).toBe(0.5);
  });

  it('refuses what is no plain number rather than guessing', () => {
    expect(parseDecimal('1.000,5')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('1e400')).toBeNull();
  });
});

describe('checkMachine', () => {
  it('needs a name and a company; the contact is optional', () => {
    expect(checkMachine({ name: '  ', companyId: null, contactId: null })).toEqual({
      ok: false,
      errors: { name: 'required', companyId: 'required' },
    });
    expect(
      checkMachine({ name: ' Press 2 ', companyId: COMPANY, contactId: 'c-aaaaaaaa' as ContactId }),
    ).toEqual({
      ok: true,
      value: { name: 'Press 2', companyId: COMPANY, contactId: 'c-aaaaaaaa' },
    });
  });

  it('refuses a name that is too long or holds control characters', () => {
    expect(
      checkMachine({ name: 'x'.repeat(121), companyId: COMPANY, contactId: null }),
    ).toMatchObject({
      errors: { name: 'tooLong' },
    });
    expect(checkMachine({ name: 'a\u0007b', companyId: COMPANY, contactId: null })).toMatchObject({
      errors: { name: 'control' },
    });
  });
});

describe('checkDevice', () => {
  it('takes a name and a whole number of seconds from 1 to a day', () => {
    expect(checkDevice({ name: 'Sensor', expectedIntervalSeconds: '60' })).toEqual({
      ok: true,
      value: { name: 'Sensor', expectedIntervalSeconds: 60 },
    });
    expect(checkDevice({ name: 'Sensor', expectedIntervalSeconds: '0' })).toMatchObject({
      errors: { expectedIntervalSeconds: 'range' },
    });
    expect(checkDevice({ name: 'Sensor', expectedIntervalSeconds: '1,5' })).toMatchObject({
      errors: { expectedIntervalSeconds: 'wholeNumber' },
    });
    expect(checkDevice({ name: '', expectedIntervalSeconds: 'x' })).toEqual({
      ok: false,
      errors: { name: 'required', expectedIntervalSeconds: 'number' },
    });
  });
});

describe('checkKeyMeta', () => {
  it('turns empty fields into null and trims the rest', () => {
    expect(checkKeyMeta({ displayName: ' Spindle ', unit: '°C', meaning: '' })).toEqual({
      ok: true,
      value: { displayName: 'Spindle', unit: '°C', meaning: null },
    });
  });

  it('refuses a unit longer than 32 characters', () => {
    expect(checkKeyMeta({ displayName: '', unit: 'u'.repeat(33), meaning: '' })).toEqual({
      ok: false,
      errors: { unit: 'tooLong' },
    });
  });
});

describe('checkKey', () => {
  it('accepts dotted keys and refuses what a device could not send', () => {
    expect(checkKey('gyro.x')).toBeNull();
    expect(checkKey('a..b')).toBe('key');
    expect(checkKey('temp °C')).toBe('key');
    expect(checkKey('x.__proto__')).toBe('key');
    expect(checkKey('ts')).toBe('key');
    expect(checkKey('')).toBe('required');
  });
});

describe('checkAlarmRule', () => {
  it('builds a threshold rule, with empty hysteresis and duration as 0', () => {
    const draft = {
      ...emptyRuleDraft('temp'),
      kind: 'above' as const,
      threshold: '80,5',
      hysteresis: '',
      minDurationSeconds: '',
    };
    expect(checkAlarmRule(draft)).toEqual({
      ok: true,
      value: { kind: 'above', key: 'temp', threshold: 80.5, hysteresis: 0, minDurationSeconds: 0 },
    });
  });

  it('names every wrong field of a threshold rule', () => {
    const draft = {
      ...emptyRuleDraft(''),
      kind: 'below' as const,
      threshold: 'warm',
      hysteresis: '-1',
      minDurationSeconds: '90000',
    };
    expect(checkAlarmRule(draft)).toEqual({
      ok: false,
      errors: {
        key: 'required',
        threshold: 'number',
        hysteresis: 'negative',
        minDurationSeconds: 'range',
      },
    });
    expect(checkAlarmRule({ ...emptyRuleDraft('temp'), threshold: '' })).toEqual({
      ok: false,
      errors: { threshold: 'required' },
    });
  });

  it('builds an offline rule from 1 to 1000 intervals and ignores the threshold fields', () => {
    expect(checkAlarmRule({ ...emptyRuleDraft(''), kind: 'offline', intervals: '5' })).toEqual({
      ok: true,
      value: { kind: 'offline', intervals: 5 },
    });
    expect(checkAlarmRule({ ...emptyRuleDraft(''), kind: 'offline', intervals: '1001' })).toEqual({
      ok: false,
      errors: { intervals: 'range' },
    });
    expect(checkAlarmRule({ ...emptyRuleDraft(''), kind: 'offline', intervals: '2.5' })).toEqual({
      ok: false,
      errors: { intervals: 'wholeNumber' },
    });
  });
});
