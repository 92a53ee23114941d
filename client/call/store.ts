// A minimal observable state holder that React reads through useSyncExternalStore.
import { useSyncExternalStore } from 'react';

/** Holds an immutable snapshot and tells subscribers when it is replaced. */
export class Store<T extends object> {
  private snapshot: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
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

/** Reads a store's snapshot in a component and re-renders when it changes. */
export function useStore<T extends object>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
