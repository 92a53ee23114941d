// Reconnect delays for the signaling socket: fast first retries, then a calm ceiling.

/** First reconnect delay in milliseconds. */
export const BACKOFF_BASE_MS = 500;
/** Longest reconnect delay in milliseconds. */
export const BACKOFF_MAX_MS = 5_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): 0.5 s, 1 s, 2 s, 4 s, then 5 s, each
 * spread by up to ±20 % (`random` in [0, 1)) so that clients do not all return at the same instant
 * after a server restart.
 */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 10);
  const nominal = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
  const jitter = 0.8 + 0.4 * Math.min(Math.max(random, 0), 1);
  return Math.round(Math.min(nominal * jitter, BACKOFF_MAX_MS));
}
