// Pure helpers for the host's knock alerts: which knocks are new, and the tab-title badge.
import type { KnockInfo } from '../../shared/protocol/signaling';

/**
 * Returns the knocks in `queue` whose ids were never seen before, in queue order, and records
 * them in `seen`, so every knock alerts exactly once however snapshots arrive.
 */
export function takeNewKnocks(seen: Set<string>, queue: readonly KnockInfo[]): KnockInfo[] {
  const fresh: KnockInfo[] = [];
  for (const knock of queue) {
    if (seen.has(knock.knockId)) continue;
    seen.add(knock.knockId);
    fresh.push(knock);
  }
  return fresh;
}

/** The tab title with a `(N) ` badge in front while `pending` knocks wait, else the title alone. */
export function titleWithBadge(title: string, pending: number): string {
  return pending > 0 ? `(${pending}) ${title}` : title;
}

/** Formats a wait as `m:ss` (or `h:mm:ss`), never negative even when clocks disagree. */
export function formatWait(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}
