// Labels of a chart's time axis in the viewer's language and zone: seconds for short spans,
// times of day (with the date where a day begins) for hours, dates for days.

const MINUTE = 60_000;
const DAY = 86_400_000;

function formatter(
  language: string,
  zone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(language, zone ? { ...options, timeZone: zone } : options);
  } catch {
    return new Intl.DateTimeFormat(language, options);
  }
}

/**
 * Labels for the ticks at `splits` (epoch ms) that lie `incr` ms apart: "14:32:10" under a
 * minute apart, "14:30" under a day apart (with the date above it on the first tick and where a
 * new day starts: "5. Dez.\n00:00"), else the date ("5. Dez.").
 */
export function timeTickLabels(
  splits: readonly number[],
  incr: number,
  language: string,
  zone?: string,
): string[] {
  const date = formatter(language, zone, { day: 'numeric', month: 'short' });
  if (incr >= DAY) return splits.map((ts) => date.format(ts));
  const time = formatter(language, zone, {
    hour: '2-digit',
    minute: '2-digit',
    ...(incr < MINUTE ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  });
  const day = formatter(language, zone, { year: 'numeric', month: 'numeric', day: 'numeric' });
  let previousDay: string | null = null;
  return splits.map((ts) => {
    const thisDay = day.format(ts);
    const label =
      previousDay === thisDay ? time.format(ts) : `${date.format(ts)}\n${time.format(ts)}`;
    previousDay = thisDay;
    return label;
  });
}

/** A moment in full, on a 24-hour clock like the axis: "05.12.2026, 14:32:10". */
export function formatMoment(ts: number, language: string, zone?: string): string {
  return formatter(language, zone, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    hourCycle: 'h23',
  }).format(ts);
}

/** A reading's time: the time alone on the day of `now` ("14:32:10"), else in full. */
export function formatReadingTime(
  ts: number,
  now: number,
  language: string,
  zone?: string,
): string {
  const day = formatter(language, zone, { year: 'numeric', month: 'numeric', day: 'numeric' });
  if (day.format(ts) !== day.format(now)) return formatMoment(ts, language, zone);
  return formatter(language, zone, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(ts);
}
