import { beforeAll, describe, expect, it } from 'vitest';
import { contactsT, todayEntry } from './testing';
import { daysUntilBirthday, describeMoment, describeReason, reasonLink } from './today';
import type { ContactsT } from './today';

let de: ContactsT;
let en: ContactsT;
beforeAll(async () => {
  ({ de, en } = await contactsT());
});

// 2 December 2026, 10:00 on the viewer's own clock.
const NOW = new Date(2026, 11, 2, 10, 0).getTime();

describe('describeReason', () => {
  it('says how long someone is overdue against their cadence, in German and English', () => {
    const entry = todayEntry({ daysSinceTouch: 45, contact: { cadenceDays: 30 } });
    const reason = { kind: 'overdue', detail: {} };
    expect(describeReason(reason, entry, de, 'de', NOW)).toBe(
      'Überfällig: seit 45 Tagen kein Kontakt (Rhythmus 30 Tage)',
    );
    expect(describeReason(reason, entry, en, 'en', NOW)).toBe(
      'Overdue: no contact for 45 days (cadence 30 days)',
    );
  });

  it('prefers the days and cadence the server names, and derives the cadence from the ratio', () => {
    const named = { kind: 'overdue', detail: { days: 61, cadenceDays: 60 } };
    expect(describeReason(named, todayEntry(), de, 'de', NOW)).toBe(
      'Überfällig: seit 61 Tagen kein Kontakt (Rhythmus 60 Tage)',
    );
    const fromRatio = todayEntry({ daysSinceTouch: 21, ratio: 1.5 });
    expect(
      describeReason({ kind: 'overdue', detail: { ratio: 1.5 } }, fromRatio, de, 'de', NOW),
    ).toBe('Überfällig: seit 21 Tagen kein Kontakt (Rhythmus 14 Tage)');
  });

  it('uses the singular for one day and says when no contact was ever logged', () => {
    const oneDay = todayEntry({ daysSinceTouch: 1, contact: { cadenceDays: 1 } });
    expect(describeReason({ kind: 'overdue', detail: {} }, oneDay, de, 'de', NOW)).toBe(
      'Überfällig: seit 1 Tag kein Kontakt (Rhythmus 1 Tag)',
    );
    const never = todayEntry({ contact: { lastTouchAt: null, cadenceDays: 90 } });
    expect(describeReason({ kind: 'overdue', detail: {} }, never, de, 'de', NOW)).toBe(
      'Überfällig: noch kein Kontakt festgehalten (Rhythmus 90 Tage)',
    );
  });

  it('counts down to a birthday and adds the age when the year is known', () => {
    const entry = todayEntry({ contact: { birthday: { day: 5, month: 12, year: 1976 } } });
    expect(describeReason({ kind: 'birthday', detail: { days: 3 } }, entry, de, 'de', NOW)).toBe(
      'Geburtstag in 3 Tagen (wird 50)',
    );
    const noYear = todayEntry({ contact: { birthday: { day: 3, month: 12, year: null } } });
    expect(describeReason({ kind: 'birthday', detail: { days: 1 } }, noYear, de, 'de', NOW)).toBe(
      'Geburtstag morgen',
    );
    expect(describeReason({ kind: 'birthday', detail: { days: 0 } }, noYear, en, 'en', NOW)).toBe(
      'Birthday today',
    );
  });

  it('computes the days to the birthday when the server leaves them out', () => {
    const entry = todayEntry({ contact: { birthday: { day: 9, month: 12, year: null } } });
    expect(describeReason({ kind: 'birthday', detail: {} }, entry, de, 'de', NOW)).toBe(
      'Geburtstag in 7 Tagen',
    );
  });

  it('reads the details the server sends: daysSinceTouch, cadenceDays, daysUntil, turns', () => {
    const overdue = {
      kind: 'overdue',
      detail: { ratio: 2.03, daysSinceTouch: 61, cadenceDays: 30 },
    };
    expect(describeReason(overdue, todayEntry(), de, 'de', NOW)).toBe(
      'Überfällig: seit 61 Tagen kein Kontakt (Rhythmus 30 Tage)',
    );
    const untouched = {
      kind: 'untouched',
      detail: { ratio: 1, daysSinceTouch: 3, cadenceDays: 14 },
    };
    expect(describeReason(untouched, todayEntry(), en, 'en', NOW)).toBe(
      'Overdue: no contact logged yet (cadence 14 days)',
    );
    const birthday = { kind: 'birthday', detail: { daysUntil: 2, month: 12, day: 4, turns: 60 } };
    expect(describeReason(birthday, todayEntry(), de, 'de', NOW)).toBe(
      'Geburtstag in 2 Tagen (wird 60)',
    );
  });

  it('says how late a next step is, and names it when the server does', () => {
    const late = { kind: 'next_step_due', detail: { daysLate: 2 } };
    expect(describeReason(late, todayEntry(), de, 'de', NOW)).toBe(
      'Nächster Schritt seit 2 Tagen fällig',
    );
    const today = { kind: 'next_step_due', detail: { daysLate: 0 } };
    expect(describeReason(today, todayEntry(), en, 'en', NOW)).toBe('Next step due today');
    const named = { kind: 'next_step_due', detail: { nextStep: 'Angebot nachfassen' } };
    expect(describeReason(named, todayEntry(), de, 'de', NOW)).toBe(
      'Nächster Schritt fällig: Angebot nachfassen',
    );
  });

  it('shows the time of a meeting today when it is known', () => {
    const at = new Date(2026, 11, 2, 14, 30).getTime();
    const reason = { kind: 'meeting_today', detail: { at } };
    expect(describeReason(reason, todayEntry(), de, 'de', NOW)).toBe('Heute Termin um 14:30 Uhr');
    const booked = { kind: 'meeting_today', detail: { at, meetingType: 'Maschinen-Demo' } };
    expect(describeReason(booked, todayEntry(), de, 'de', NOW)).toBe(
      'Heute Maschinen-Demo um 14:30 Uhr',
    );
    expect(describeReason({ kind: 'meeting_today', detail: {} }, todayEntry(), de, 'de', NOW)).toBe(
      'Heute ist ein Termin',
    );
  });

  it('never drops a reason it does not know: its own text, else its code', () => {
    const alarm = { kind: 'machine_alarm', detail: { text: 'Spindeltemperatur 92 °C' } };
    expect(describeReason(alarm, todayEntry(), de, 'de', NOW)).toBe('Spindeltemperatur 92 °C');
    expect(describeReason({ kind: 'machine_alarm', detail: {} }, todayEntry(), de, 'de', NOW)).toBe(
      'Anlass: machine_alarm',
    );
  });
});

describe('machine alarm reasons', () => {
  const openedAt = new Date(2026, 11, 1, 14, 5).getTime();
  const alarm = (detail: Record<string, string | number>) => ({
    kind: 'machine_alarm',
    detail: {
      machineId: 'machine-1',
      machineName: 'Fräse 3',
      openedAt,
      link: `/machines/machine-1?at=${openedAt}`,
      ...detail,
    },
  });

  it('names the machine, key, value and threshold, and since when, in German and English', () => {
    const hot = alarm({ alarmKind: 'above', key: 'spindle.temp', value: 92.5, threshold: 90 });
    expect(describeReason(hot, todayEntry(), de, 'de', NOW)).toBe(
      'Alarm an Fräse 3: spindle.temp bei 92,5, über 90 (seit Di 14:05)',
    );
    expect(describeReason(hot, todayEntry(), en, 'en', NOW)).toBe(
      'Alarm on Fräse 3: spindle.temp at 92.5, above 90 (since Tue 14:05)',
    );
    const low = alarm({ alarmKind: 'below', key: 'pressure', value: 1.25, threshold: 2 });
    expect(describeReason(low, todayEntry(), de, 'de', NOW)).toBe(
      'Alarm an Fräse 3: pressure bei 1,25, unter 2 (seit Di 14:05)',
    );
  });

  it('says that an offline machine sends no data, with the date for an old alarm', () => {
    const offline = alarm({ alarmKind: 'offline' });
    expect(describeReason(offline, todayEntry(), de, 'de', NOW)).toBe(
      'Fräse 3 sendet keine Daten mehr (seit Di 14:05)',
    );
    const old = alarm({ alarmKind: 'offline', openedAt: new Date(2026, 10, 2, 9, 0).getTime() });
    expect(describeReason(old, todayEntry(), en, 'en', NOW)).toBe(
      'Fräse 3 has stopped sending data (since Nov 2, 2026)',
    );
  });

  it('links to the chart around the event, and only to paths inside the app', () => {
    expect(reasonLink(alarm({ alarmKind: 'offline' }))).toBe(`/machines/machine-1?at=${openedAt}`);
    expect(reasonLink(alarm({ link: 'https://evil.example/' }))).toBeNull();
    expect(reasonLink(alarm({ link: '//evil.example/' }))).toBeNull();
    expect(reasonLink({ kind: 'birthday', detail: { daysUntil: 1 } })).toBeNull();
  });
});

describe('describeMoment', () => {
  it('says the local time and zone and that now is a good time', () => {
    const entry = todayEntry({
      localTime: '08:15',
      timeZone: 'America/Chicago',
      inReachWindow: true,
    });
    expect(describeMoment(entry, de, 'de', 'Europe/Berlin')).toEqual([
      'Ortszeit 08:15 Uhr (Chicago)',
      'jetzt gut erreichbar',
    ]);
  });

  it('says from when someone is reachable, in their zone and, when different, in ours', () => {
    // Tuesday 8 December 2026, 08:00 in Chicago is 15:00 in Berlin.
    const nextReachAt = Date.UTC(2026, 11, 8, 14, 0);
    const entry = todayEntry({ timeZone: 'America/Chicago', localTime: '03:00', nextReachAt });
    expect(describeMoment(entry, de, 'de', 'Europe/Berlin')).toEqual([
      'Ortszeit 03:00 Uhr (Chicago)',
      'gut erreichbar ab Di 08:00',
      'bei Ihnen Di 15:00',
    ]);
    expect(describeMoment(entry, en, 'en', 'America/Chicago')).toEqual([
      '03:00 local time (Chicago)',
      'good time to reach them from Tue 08:00',
    ]);
  });

  it('says nothing about reach when the person has no reach windows', () => {
    expect(describeMoment(todayEntry(), de, 'de', 'Europe/Berlin')).toEqual([
      'Ortszeit 09:30 Uhr (Berlin)',
    ]);
  });
});

describe('daysUntilBirthday', () => {
  it('counts calendar days from today, rolling over to next year', () => {
    expect(daysUntilBirthday({ day: 2, month: 12, year: null }, NOW)).toBe(0);
    expect(daysUntilBirthday({ day: 31, month: 12, year: null }, NOW)).toBe(29);
    expect(daysUntilBirthday({ day: 1, month: 12, year: null }, NOW)).toBe(364);
  });
});
