// Whether a machine is online, in words: "Online", or "Offline since 14:32 (12 minutes ago)",
// with the absolute time of the last data for a tooltip. Live values turn a machine online at once.
import type { TFunction } from 'i18next';
import type { MachineStatusView } from '../api/machines';
import {
  formatDateTime,
  formatRelativeTime,
  formatTime,
  formatWeekdayTime,
} from '../contacts/format';

/** The `t` of the machines namespace. */
export type MachinesT = TFunction<'machines'>;

const DAY_MS = 86_400_000;

/** A machine's status as the page shows it. */
export interface StatusText {
  online: boolean;
  /** "Online", "Offline since 14:32 (12 minutes ago)", "No data yet". */
  text: string;
  /** The absolute moment of the last data, e.g. "5 Dec 2026, 14:32", or null without data. */
  lastData: string | null;
}

function sameLocalDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/**
 * A moment short enough for a status line: the time today, weekday and time within the last
 * days, else date and time (all in the viewer's own zone).
 */
export function formatSince(at: number, now: number, language: string): string {
  if (sameLocalDay(at, now)) return formatTime(at, language);
  if (now - at < 6 * DAY_MS) return formatWeekdayTime(at, undefined, language);
  return formatDateTime(at, language);
}

/** Describes a machine's status at `now` in the UI language. */
export function describeStatus(
  status: MachineStatusView,
  now: number,
  t: MachinesT,
  language: string,
): StatusText {
  const { lastSeenAt } = status;
  const lastData = lastSeenAt === null ? null : formatDateTime(lastSeenAt, language);
  if (status.online) return { online: true, text: t('status.online'), lastData };
  if (lastSeenAt === null) return { online: false, text: t('status.noData'), lastData };
  return {
    online: false,
    text: t('status.offlineSince', {
      time: formatSince(lastSeenAt, now, language),
      ago: formatRelativeTime(lastSeenAt, now, language),
    }),
    lastData,
  };
}

/**
 * The status with live data taken into account: a value that just arrived means the machine is
 * online, and its time is the last data (device time, as the server counts it).
 */
export function withLiveData(
  status: MachineStatusView,
  newestLive: number | null,
): MachineStatusView {
  if (newestLive === null) return status;
  const lastSeenAt =
    status.lastSeenAt === null ? newestLive : Math.max(status.lastSeenAt, newestLive);
  if (status.online && lastSeenAt === status.lastSeenAt) return status;
  return { online: true, lastSeenAt };
}
