// The current time for a render, moving on every `intervalMs` while enabled.
import { useEffect, useState } from 'react';

/**
 * Epoch ms, read again right after the clock starts (or its interval changes) and on every
 * tick, so that a page re-renders as time passes without reading the clock during render.
 */
export function useClock(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs, enabled]);
  return now;
}
