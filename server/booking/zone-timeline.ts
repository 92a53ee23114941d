// The UTC offsets of one zone over a stretch of time, found with a few Intl look-ups (one a day,
// plus a binary search where the offset changes), so that the slot engine can go between wall
// clock and real time with plain arithmetic instead of an Intl call per slot or booking.
//
// Wall-clock times are "wall milliseconds": the wall clock read as if it were UTC, so the wall
// time at instant t is t + offset(t). Like server/today/time-zone.ts, this assumes that a zone
// changes its offset at most once in any day.
import { offsetAt } from '../today/time-zone.js';

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

/** A stretch of real time [start, end) during which a zone keeps one UTC offset (ms). */
export interface OffsetSpan {
  start: number;
  end: number;
  offset: number;
}

/** A zone's offsets over a stretch of time; outside it, the nearest known offset is assumed. */
export class ZoneTimeline {
  private constructor(
    /** Ascending and gapless; the first starts at -Infinity and the last ends at +Infinity. */
    readonly spans: readonly OffsetSpan[],
  ) {}

  /** Finds the offsets of `zone` from two days before `from` to two days after `to`. */
  static between(zone: string, from: number, to: number): ZoneTimeline {
    const first = Math.floor(from / DAY_MS) * DAY_MS - 2 * DAY_MS;
    const last = Math.ceil(to / DAY_MS) * DAY_MS + 2 * DAY_MS;
    const spans: OffsetSpan[] = [];
    let spanStart = -Infinity;
    let sampled = first;
    let offset = offsetAt(first, zone);
    // Samples sit on whole UTC days, so later queries ask Intl (and its cache) the same instants.
    for (let t = first + DAY_MS; t <= last; t += DAY_MS) {
      const next = offsetAt(t, zone);
      if (next !== offset) {
        const switchAt = findSwitch(zone, sampled, t, next);
        spans.push({ start: spanStart, end: switchAt, offset });
        spanStart = switchAt;
        offset = next;
      }
      sampled = t;
    }
    spans.push({ start: spanStart, end: Infinity, offset });
    return new ZoneTimeline(spans);
  }

  /** The wall clock at instant `t`, in wall milliseconds. */
  wallAt(t: number): number {
    for (const span of this.spans) if (t < span.end) return t + span.offset;
    return t;
  }

  /**
   * The first instant at which the wall clock reads `wall` or later. For an ordinary wall time
   * that is its instant; for a repeated one (autumn) the earlier of the two; for a skipped one
   * (spring) the instant of the switch, when the clock jumps past it.
   */
  firstInstantAtOrAfter(wall: number): number {
    let first = Infinity;
    for (const span of this.spans) {
      const t = Math.max(span.start, wall - span.offset);
      if (t < span.end && t < first) first = t;
    }
    return first;
  }
}

// The first whole second in (before, after] with offset `offset`, where the offset at `before`
// differs from it and the offset at `after` equals it.
function findSwitch(zone: string, before: number, after: number, offset: number): number {
  let lo = before;
  let hi = after;
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.floor((hi - lo) / (2 * SECOND_MS)) * SECOND_MS;
    if (offsetAt(mid, zone) === offset) hi = mid;
    else lo = mid;
  }
  return hi;
}
