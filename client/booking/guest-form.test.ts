import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import {
  checkEmail,
  checkGuestForm,
  checkPhone,
  emptyGuestDraft,
  fieldErrorsFromApi,
  hasGuestErrors,
} from './guest-form';

const questions = [
  { id: 'machine', label: 'Which machine?', required: true },
  { id: 'extra', label: 'Anything else?', required: false },
];

describe('checkGuestForm', () => {
  it('needs a name, an e-mail address and the required answers', () => {
    const checked = checkGuestForm(emptyGuestDraft(), questions);
    expect(checked).toEqual({
      ok: false,
      errors: { name: 'required', email: 'required', answers: { machine: 'required' } },
    });
  });

  it('sends trimmed values, empty optional fields as null, and only given answers', () => {
    const checked = checkGuestForm(
      {
        name: '  Jane Doe ',
        email: ' jane@example.com ',
        company: ' ',
        phone: '',
        message: '  Looking forward  ',
        answers: { machine: ' Press 2 ', extra: '  ' },
      },
      questions,
    );
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'Jane Doe',
        email: 'jane@example.com',
        company: null,
        phone: null,
        message: 'Looking forward',
        answers: { machine: 'Press 2' },
      },
    });
  });

  it('refuses what is too long or spans lines', () => {
    const checked = checkGuestForm(
      { ...emptyGuestDraft(), name: 'x'.repeat(121), email: 'a@b.de', company: 'A\nB' },
      [],
    );
    expect(checked).toMatchObject({ ok: false, errors: { name: 'tooLong', company: 'oneLine' } });
  });
});

describe('checkEmail', () => {
  it('takes addresses the server takes, German domains included', () => {
    expect(checkEmail('info@müller.de')).toBeNull();
    expect(checkEmail('jane.doe+booking@example.co.uk')).toBeNull();
    expect(checkEmail('jane@')).toBe('email');
    expect(checkEmail('jane example.com')).toBe('email');
  });
});

describe('checkPhone', () => {
  it('takes numbers as people write them and leaves the real check to the server', () => {
    expect(checkPhone('')).toBeNull();
    expect(checkPhone('+49 (0)30 / 123-45 67')).toBeNull();
    expect(checkPhone('030 1234567')).toBeNull();
    expect(checkPhone('call me')).toBe('phone');
    expect(checkPhone('123')).toBe('phone');
  });
});

describe('fieldErrorsFromApi', () => {
  it('puts a missing required answer at its question', () => {
    const error = new ApiError(400, 'answer_required', 'Please answer', {
      field: 'answers',
      questionId: 'machine',
    });
    expect(fieldErrorsFromApi(error)).toEqual({ answers: { machine: 'required' } });
  });

  it('puts a refused phone number at the phone field', () => {
    const error = new ApiError(400, 'invalid_phone', 'Not a phone number', { field: 'phone' });
    expect(fieldErrorsFromApi(error)).toEqual({ phone: 'phone' });
  });

  it("reads the schema's complaints by path", () => {
    const error = new ApiError(400, 'invalid', 'Invalid input', [
      { path: '/email', message: 'expected an e-mail address' },
      { path: '/answers/extra', message: 'too long' },
      { path: '/start', message: 'expected an instant' },
    ]);
    expect(fieldErrorsFromApi(error)).toEqual({ email: 'email', answers: { extra: 'invalid' } });
  });

  it('names no field for other errors', () => {
    const taken = new ApiError(409, 'slot_taken', 'Taken');
    expect(fieldErrorsFromApi(taken)).toEqual({});
    expect(hasGuestErrors(fieldErrorsFromApi(taken))).toBe(false);
    expect(hasGuestErrors({ answers: {} })).toBe(false);
    expect(hasGuestErrors({ answers: { a: 'required' } })).toBe(true);
  });
});
