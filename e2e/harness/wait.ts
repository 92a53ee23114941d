// Polling with a deadline: the one way the browser tests wait for something that has no event.
import { setTimeout as delay } from 'node:timers/promises';

/** Options of `waitFor`. */
export interface WaitOptions {
  /** Give up after this many milliseconds (default 20 s). */
  timeout?: number;
  /** Pause between probes in milliseconds (default 150). */
  interval?: number;
}

/** Thrown when a condition did not come true before its deadline; says what was awaited and what was last seen. */
export class WaitTimeout extends Error {
  override name = 'WaitTimeout';
}

/**
 * Calls `probe` until it returns a value other than undefined/false/null and returns that value.
 * A probe that throws counts as "not yet"; its last error is reported at the deadline.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  opts: WaitOptions = {},
): Promise<T> {
  const timeout = opts.timeout ?? 20_000;
  const interval = opts.interval ?? 150;
  const deadline = Date.now() + timeout;
  for (;;) {
    let lastError: unknown = null;
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new WaitTimeout(`Timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await delay(interval);
  }
}
