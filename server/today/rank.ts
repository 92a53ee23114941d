// The daily Today list: who is due or has a reason, ranked and capped so that it stays calm.
// Pure: the service gathers candidates and passes the clock's time in.
import type { ContactId } from '../../shared/ids.js';
import { builtInReasonProviders, REASON_KIND, REASON_WEIGHTS } from './reasons.js';
import type { Reason, ReasonProvider, TodayCandidate } from './reasons.js';

const DAY_MS = 86_400_000;

/** How many people the Today list shows unless told otherwise: a short list, not a wall of tasks. */
export const TODAY_CAP = 7;

/** What `rankToday` ranks, and how. */
export interface RankTodayInput {
  now: number;
  candidates: readonly TodayCandidate[];
  /** Providers from other features, run after the built-in ones. */
  providers?: readonly ReasonProvider[];
  /** Most entries to return (default `TODAY_CAP`). */
  cap?: number;
  /** The seller's IANA zone, which decides "today" for next steps and meetings. */
  timeZone?: string | null;
}

/** One person on the Today list and why. */
export interface TodayEntry {
  contactId: ContactId;
  /** The overdue ratio plus the weights of all reasons; the list is sorted by it. */
  score: number;
  /** Days since the last touch divided by the cadence; 1 or more means due. */
  ratio: number;
  /** Whole days since the last touch (or since the contact was created). */
  daysSinceTouch: number;
  /** When the contact became or becomes due: last touch plus cadence. */
  dueAt: number;
  /** Heaviest first; includes the overdue reason when due. */
  reasons: Reason[];
}

/** The ranked, capped Today list and how many qualified before the cap. */
export interface TodayList {
  entries: TodayEntry[];
  total: number;
}

function assess(candidate: TodayCandidate, now: number, providers: readonly ReasonProvider[]) {
  const touchedAt = candidate.lastTouchAt ?? candidate.createdAt;
  // A zero or negative cadence would divide into Infinity and pin the contact to the top forever.
  const cadenceDays = Math.max(1, candidate.cadenceDays);
  // A touch logged in the future (clock skew, a planned visit) counts as just now.
  const days = Math.max(0, (now - touchedAt) / DAY_MS);
  // Someone with no touchpoint yet has no relationship on record: due from the day they were
  // added, so that an imported address book shows up on Today at once (one cadence counts as
  // ratio 1, and the ratio grows from there).
  const untouched = candidate.lastTouchAt === null;
  const ratio = untouched ? Math.max(1, days / cadenceDays) : days / cadenceDays;
  const dueAt = untouched ? candidate.createdAt : touchedAt + cadenceDays * DAY_MS;
  const found = [
    ...providers.flatMap((provide) => provide(candidate, now)),
    ...candidate.extraReasons,
  ];
  const raised = found.some((reason) => reason.weight > 0);
  const due = ratio >= 1;
  const reasons: Reason[] = due
    ? [
        {
          kind: untouched ? REASON_KIND.untouched : REASON_KIND.overdue,
          weight: REASON_WEIGHTS.overdue,
          at: dueAt,
          detail: {
            ratio: Math.round(ratio * 100) / 100,
            daysSinceTouch: Math.floor(days),
            cadenceDays,
          },
        },
        ...found,
      ]
    : found;
  // Stable sort: equal weights keep the order built-ins, providers, extra reasons.
  reasons.sort((a, b) => b.weight - a.weight);
  const score = ratio + reasons.reduce((sum, reason) => sum + reason.weight, 0);
  const entry: TodayEntry = {
    contactId: candidate.contactId,
    score,
    ratio,
    daysSinceTouch: Math.floor(days),
    dueAt,
    reasons,
  };
  return { entry, qualifies: due || raised };
}

/**
 * Ranks whom to reach today. A contact qualifies when due (overdue ratio ≥ 1) or when a reason
 * with positive weight raises them; snoozed contacts never do. Entries are sorted by score,
 * then by ratio, then by contact id so that equal inputs always give the same list, and capped.
 */
export function rankToday(input: RankTodayInput): TodayList {
  const { now, candidates, cap = TODAY_CAP } = input;
  const providers = [...builtInReasonProviders(input.timeZone ?? null), ...(input.providers ?? [])];
  const qualified = candidates
    .filter((c) => c.snoozedUntil === null || c.snoozedUntil <= now)
    .map((c) => assess(c, now, providers))
    .filter((a) => a.qualifies)
    .map((a) => a.entry);
  // Plain comparison, not localeCompare: the order must not depend on the server's locale.
  qualified.sort(
    (a, b) =>
      b.score - a.score ||
      b.ratio - a.ratio ||
      (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0),
  );
  return { entries: qualified.slice(0, Math.max(0, Math.floor(cap))), total: qualified.length };
}
