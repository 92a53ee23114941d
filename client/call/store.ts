// A minimal observable state holder that React reads through useSyncExternalStore.
import { useCallback, useSyncExternalStore } from 'react';

/** Holds an immutable snapshot and tells subscribers when it is replaced. */
export class Store<T extends object> {
  private snapshot: T;
  private readonly listeners = new Set<() => void>();

  /**
   * @param renderDelayMs How long the page may wait before it shows a change (see `useStore`);
   *   0 shows every change at once. Subscribers other than the page are always told at once.
   */
  constructor(
    initial: T,
    readonly renderDelayMs = 0,
  ) {
    this.snapshot = initial;
  }

  /** The current snapshot (a new object after every change). */
  readonly getSnapshot = (): T => this.snapshot;

  /** Registers a change listener; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the snapshot with a shallow merge of `patch` and notifies subscribers. */
  protected update(patch: Partial<T>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function pageHidden(): boolean {
  return (globalThis.document as Document | undefined)?.visibilityState === 'hidden';
}

/**
 * Subscribes `onChange` to a store such that it is told at most once per the store's render
 * delay: the changes that arrive meanwhile (a burst of signaling messages) coalesce into one call.
 * While the page is hidden it is told at once.
 * Returns the unsubscribe function, which also cancels a pending call.
 */
export function subscribeDelayed<T extends object>(
  store: Store<T>,
  onChange: () => void,
): () => void {
  if (store.renderDelayMs <= 0) return store.subscribe(onChange);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = store.subscribe(() => {
    // A hidden page paints nothing, and browsers run its timers at most once a second, which
    // would hold back what it still shows, such as the tab title's knock badge.
    if (pageHidden()) return onChange();
    timer ??= setTimeout(() => {
      timer = null;
      onChange();
    }, store.renderDelayMs);
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * Reads a store's snapshot in a component and re-renders when it changes, at most once per the
 * store's render delay (see `subscribeDelayed`), so the page's main thread stays free for the work
 * those changes started (see LoungeSession).
 */
export function useStore<T extends object>(store: Store<T>): T {
  const subscribe = useCallback(
    (onChange: () => void) => subscribeDelayed(store, onChange),
    [store],
  );
  return useSyncExternalStore(subscribe, store.getSnapshot, store.getSnapshot);
}
