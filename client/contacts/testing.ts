// Helpers for the relationship memory's unit tests: the real translations and a Today entry.
import i18next from 'i18next';
import type { TodayEntryView } from '../api/contacts';
import deContacts from '../i18n/de/contacts.json';
import enContacts from '../i18n/en/contacts.json';
import type { ContactsT } from './today';
import type { CompanyId, ContactId } from '../../shared/ids';

/** The contacts namespace's `t` in German and English, from the real translation files. */
export async function contactsT(): Promise<{ de: ContactsT; en: ContactsT }> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'de',
    fallbackLng: 'en',
    ns: ['contacts'],
    defaultNS: 'contacts',
    resources: { de: { contacts: deContacts }, en: { contacts: enContacts } },
    interpolation: { escapeValue: false },
  });
  return {
    de: instance.getFixedT('de', 'contacts'),
    en: instance.getFixedT('en', 'contacts'),
  };
}

/** A Today entry for Anna Berger with the given overrides. */
export function todayEntry(
  change: Partial<Omit<TodayEntryView, 'contact'>> & {
    contact?: Partial<TodayEntryView['contact']>;
  } = {},
): TodayEntryView {
  const { contact, ...rest } = change;
  return {
    contact: {
      id: 'contact-anna-1' as ContactId,
      name: 'Anna Berger',
      companyId: 'company-1' as CompanyId,
      companyName: 'Berger Fräsen GmbH',
      role: 'Werkleiterin',
      emails: ['anna@berger.example'],
      phones: ['+4917012345678'],
      address: null,
      language: 'de',
      timeZone: 'Europe/Berlin',
      bestReach: [],
      family: null,
      interests: null,
      homeOffice: null,
      birthday: null,
      preferredChannel: null,
      notes: null,
      tags: ['customer'],
      cadenceDays: null,
      shared: false,
      editable: true,
      lastTouchAt: 0,
      snoozedUntil: null,
      createdAt: 0,
      updatedAt: 0,
      ...contact,
    },
    reasons: [],
    daysSinceTouch: 45,
    ratio: 1.5,
    localTime: '09:30',
    timeZone: 'Europe/Berlin',
    inReachWindow: false,
    nextReachAt: null,
    ...rest,
  };
}
