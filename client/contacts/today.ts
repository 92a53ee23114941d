// The words of the Today list: why someone is on it (reasons as short sentences) and the right
// moment to reach them (their local time, and whether now is good or from when it will be).
import type { TFunction } from 'i18next';
import type { TodayEntryView, TodayReasonView } from '../api/contacts';
import type { Birthday } from '../../shared/contacts';
import { ageTurning, formatDate, formatTime, formatWeekdayTime, zoneCity } from './format';

/** The `t` of the contacts namespace. */
export type ContactsT = TFunction<'contacts'>;

const DAY_MS = 86_400_000;

// Reason details are an open record; these read one value under any of the names a feature uses.
function detailNumber(detail: TodayReasonView['detail'], ...keys: string[]): number | null {
  for (const key of keys) {
    const value = detail[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return Number(value);
    }
  }
  return null;
}

function detailText(detail: TodayReasonView['detail'], ...keys: string[]): string | null {
  for (const key of keys) {
    const value = detail[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/** Whole days from the viewer's local `now` to the next birthday (0 when it is today). */
export function daysUntilBirthday(birthday: Birthday, now: number): number {
  const today = new Date(now);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  for (const year of [today.getFullYear(), today.getFullYear() + 1]) {
    // Someone born on 29 February celebrates on 1 March in other years: Date.UTC rolls over.
    const next = Date.UTC(year, birthday.month - 1, birthday.day);
    if (next >= start) return Math.round((next - start) / DAY_MS);
  }
  return 0;
}

function overdueText(entry: TodayEntryView, reason: TodayReasonView, t: ContactsT): string {
  const days = Math.round(
    detailNumber(reason.detail, 'daysSinceTouch', 'days') ?? entry.daysSinceTouch,
  );
  // The server may name the cadence; else the contact's own, else days ÷ ratio gives it back.
  const cadence =
    detailNumber(reason.detail, 'cadenceDays', 'cadence') ??
    entry.contact.cadenceDays ??
    (entry.ratio > 0 && days > 0 ? Math.round(days / entry.ratio) : null);
  // "untouched" is the server's kind for someone without any touchpoint yet.
  const never = reason.kind === 'untouched' || entry.contact.lastTouchAt === null;
  if (cadence === null) {
    return never
      ? t('reasons.overdueNeverNoCadence')
      : t('reasons.overdueNoCadence', { count: days });
  }
  const cadenceText = t('reasons.cadence', { count: cadence });
  if (never) return t('reasons.overdueNever', { cadence: cadenceText });
  return t('reasons.overdue', { count: days, cadence: cadenceText });
}

function birthdayText(
  entry: TodayEntryView,
  reason: TodayReasonView,
  t: ContactsT,
  now: number,
): string {
  const { birthday } = entry.contact;
  const days =
    detailNumber(reason.detail, 'daysUntil', 'days') ??
    (birthday ? daysUntilBirthday(birthday, now) : 0);
  const text =
    days <= 0
      ? t('reasons.birthdayToday')
      : days === 1
        ? t('reasons.birthdayTomorrow')
        : t('reasons.birthdayIn', { count: days });
  const age =
    detailNumber(reason.detail, 'turns') ??
    (birthday ? ageTurning(birthday, new Date(now + days * DAY_MS).getFullYear()) : null);
  return age !== null && age > 0 ? t('reasons.birthdayAge', { text, age }) : text;
}

function nextStepText(reason: TodayReasonView, t: ContactsT): string {
  const step = detailText(reason.detail, 'nextStep', 'step', 'text', 'summary');
  if (step) return t('reasons.nextStepDue', { step });
  const late = detailNumber(reason.detail, 'daysLate') ?? 0;
  return late > 0 ? t('reasons.nextStepLate', { count: late }) : t('reasons.nextStepDueToday');
}

/** A reason of a kind this client cannot phrase: its own text, else its code. */
function otherText(reason: TodayReasonView, t: ContactsT): string {
  return detailText(reason.detail, 'text', 'label') ?? t('reasons.other', { kind: reason.kind });
}

/** A measured value as people read it in `language`: "97,5", "97.5". */
function formatValue(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** When an alarm opened: weekday and time within the last days, else the date. */
function alarmSince(at: number, now: number, language: string): string {
  return now - at < 6 * DAY_MS
    ? formatWeekdayTime(at, undefined, language)
    : formatDate(at, language);
}

function machineAlarmText(
  reason: TodayReasonView,
  t: ContactsT,
  language: string,
  now: number,
): string {
  const { detail } = reason;
  const machine = detailText(detail, 'machineName');
  if (machine === null) return otherText(reason, t);
  const openedAt = detailNumber(detail, 'openedAt');
  const since = openedAt === null ? '' : alarmSince(openedAt, now, language);
  const kind = detailText(detail, 'alarmKind');
  if (kind === 'offline') return t('reasons.machineOffline', { machine, since });
  const key = detailText(detail, 'key');
  const value = detailNumber(detail, 'value');
  const threshold = detailNumber(detail, 'threshold');
  if (key === null || value === null) return t('reasons.machineAlarm', { machine, since });
  const shown = { machine, key, value: formatValue(value, language), since };
  if (threshold !== null && (kind === 'above' || kind === 'below')) {
    const limit = formatValue(threshold, language);
    return kind === 'above'
      ? t('reasons.machineAbove', { ...shown, threshold: limit })
      : t('reasons.machineBelow', { ...shown, threshold: limit });
  }
  return t('reasons.machineValue', shown);
}

/**
 * Where a reason leads, if anywhere: a path inside the app (a machine alarm links to the chart
 * around the event). Anything but a local path is ignored.
 */
export function reasonLink(reason: TodayReasonView): string | null {
  const link = detailText(reason.detail, 'link');
  return link !== null && link.startsWith('/') && !link.startsWith('//') ? link : null;
}

/**
 * One reason as a short sentence: "Überfällig: seit 45 Tagen kein Kontakt (Rhythmus 30 Tage)",
 * "Geburtstag in 3 Tagen (wird 50)", "Nächster Schritt seit 2 Tagen fällig". Details are read
 * under the names the server uses (`daysSinceTouch`, `cadenceDays`, `daysUntil`, `turns`,
 * `daysLate`), with fallbacks from the entry itself. A kind this client does not know yet shows
 * its own `text` detail, else its code, so it is never dropped.
 */
export function describeReason(
  reason: TodayReasonView,
  entry: TodayEntryView,
  t: ContactsT,
  language: string,
  now: number,
): string {
  switch (reason.kind) {
    case 'overdue':
    case 'untouched':
      return overdueText(entry, reason, t);
    case 'birthday':
      return birthdayText(entry, reason, t, now);
    case 'next_step_due':
      return nextStepText(reason, t);
    case 'machine_alarm':
      return machineAlarmText(reason, t, language, now);
    case 'meeting_today': {
      const at = detailNumber(reason.detail, 'at', 'startsAt', 'startAt', 'start');
      const type = detailText(reason.detail, 'meetingType');
      if (at === null) return t('reasons.meetingTodayNoTime');
      const time = formatTime(at, language);
      return type === null
        ? t('reasons.meetingToday', { time })
        : t('reasons.meetingTodayType', { time, type });
    }
    default:
      return otherText(reason, t);
  }
}

/**
 * The right moment to reach someone, as short phrases: their local time and zone, then "jetzt gut
 * erreichbar" or "gut erreichbar ab Di 08:00" (in their zone), and the viewer's own time for that
 * when it differs (`viewerZone` defaults to the browser's).
 */
export function describeMoment(
  entry: TodayEntryView,
  t: ContactsT,
  language: string,
  viewerZone?: string,
): string[] {
  const phrases = [
    t('moment.localTime', { time: entry.localTime, zone: zoneCity(entry.timeZone) }),
  ];
  if (entry.inReachWindow) {
    phrases.push(t('moment.reachableNow'));
  } else if (entry.nextReachAt !== null) {
    const theirs = formatWeekdayTime(entry.nextReachAt, entry.timeZone, language);
    const ours = formatWeekdayTime(entry.nextReachAt, viewerZone, language);
    phrases.push(t('moment.reachableFrom', { when: theirs }));
    if (ours !== theirs) phrases.push(t('moment.yourTime', { when: ours }));
  }
  return phrases;
}
