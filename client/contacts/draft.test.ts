import { describe, expect, it } from 'vitest';
import {
  draftFromForm,
  EMPTY_CONTACT_FORM,
  formValuesFromContact,
  splitList,
  validateDraft,
} from './draft';
import { todayEntry } from './testing';

const stored = todayEntry({
  contact: {
    address: { street: 'Hauptstr. 1', postalCode: '88045', city: 'Friedrichshafen', country: null },
    language: 'de',
    bestReach: [{ days: [2, 3, 4], from: '08:00', to: '10:00' }],
    birthday: { day: 12, month: 3, year: null },
    family: 'Zwei Töchter',
    cadenceDays: 30,
  },
}).contact;

describe('splitList', () => {
  it('splits on commas, semicolons and lines and drops empty items', () => {
    expect(splitList(' a@x.de, b@y.de ;\n\n c@z.de,')).toEqual(['a@x.de', 'b@y.de', 'c@z.de']);
    expect(splitList('+49 170 1234567')).toEqual(['+49 170 1234567']);
  });
});

describe('draftFromForm', () => {
  it('turns a new form into a draft with nulls for empty fields', () => {
    const draft = draftFromForm({ ...EMPTY_CONTACT_FORM, name: '  Anna Berger ' }, null);
    expect(draft).toMatchObject({
      name: 'Anna Berger',
      companyName: null,
      emails: [],
      phones: [],
      birthday: null,
      preferredChannel: null,
      cadenceDays: null,
      address: null,
      bestReach: [],
    });
    expect(validateDraft(draft)).toEqual({});
  });

  it('keeps what the form does not show when editing (address, language, best reach)', () => {
    const values = { ...formValuesFromContact(stored), family: '' };
    const draft = draftFromForm(values, stored);
    expect(draft.address).toEqual(stored.address);
    expect(draft.language).toBe('de');
    expect(draft.bestReach).toEqual(stored.bestReach);
    expect(draft.family).toBeNull();
    expect(draft.birthday).toEqual({ day: 12, month: 3, year: null });
    expect(draft.cadenceDays).toBe(30);
    expect(draft.phones).toEqual(['+4917012345678']);
  });
});

describe('validateDraft', () => {
  it('names the fields to fix', () => {
    const draft = draftFromForm(
      {
        ...EMPTY_CONTACT_FORM,
        name: ' ',
        emails: 'anna@, ok@example.com',
        birthdayDay: '31',
        birthdayMonth: '2',
        timeZone: 'Mars/Olympus',
        cadenceDays: '0',
      },
      null,
    );
    expect(validateDraft(draft)).toEqual({
      name: 'name',
      emails: 'emails',
      birthday: 'birthday',
      timeZone: 'timeZone',
      cadenceDays: 'cadenceDays',
    });
  });

  it('reports a birthday with a day but no month', () => {
    const draft = draftFromForm({ ...EMPTY_CONTACT_FORM, name: 'Anna', birthdayDay: '5' }, null);
    expect(validateDraft(draft)).toEqual({ birthday: 'birthday' });
  });

  it('says a personal text is too long', () => {
    const draft = draftFromForm(
      { ...EMPTY_CONTACT_FORM, name: 'Anna', interests: 'x'.repeat(4001) },
      null,
    );
    expect(validateDraft(draft)).toEqual({ interests: 'tooLong' });
  });
});

describe('best reach in the contact form', () => {
  it('reads what the seller writes and marks what it cannot read', () => {
    const ok = draftFromForm(
      { ...EMPTY_CONTACT_FORM, name: 'A', bestReach: 'Di–Do 8–10 Uhr' },
      null,
    );
    expect(ok.bestReach).toEqual([{ days: [2, 3, 4], from: '08:00', to: '10:00' }]);
    expect(validateDraft(ok)).toEqual({});
    const bad = draftFromForm({ ...EMPTY_CONTACT_FORM, name: 'A', bestReach: 'irgendwann' }, null);
    expect(validateDraft(bad)).toEqual({ bestReach: 'bestReach' });
    const none = draftFromForm({ ...EMPTY_CONTACT_FORM, name: 'A', bestReach: '' }, null);
    expect(none.bestReach).toEqual([]);
  });
});
