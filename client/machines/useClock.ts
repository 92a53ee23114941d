// The current time for a render, moving on every `intervalMs` while enabled.
import { useCallback, useState, useSyncExternalStore } from 'react';

/**
 * Epoch ms, read when the clock starts (or its interval changes) and again on every tick, so
 * that a page re-renders as time passes without reading the clock during render.
 */
export function useClock(intervalMs: number, enabled = true): number {
  const [store] = useState(() => ({ now: Date.now() }));
  const subscribe = useCallback(
    (changed: () => void) => {
      if (!enabled) return () => {};
      store.now = Date.now();
      changed();
      const timer = setInterval(() => {
        store.now = Date.now();
        changed();
      }, intervalMs);
      return () => clearInterval(timer);
    },
    [store, intervalMs, enabled],
  );
  return useSyncExternalStore(subscribe, () => store.now);
}
