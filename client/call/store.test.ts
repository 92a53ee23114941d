import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Store, subscribeDelayed } from './store';

class Counter extends Store<{ n: number }> {
  constructor(renderDelayMs: number) {
    super({ n: 0 }, renderDelayMs);
  }
  bump(): void {
    this.update({ n: this.getSnapshot().n + 1 });
  }
}

describe('subscribeDelayed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('coalesces a burst of changes into one call after the delay, with the latest snapshot', () => {
    const store = new Counter(16);
    const seen: number[] = [];
    subscribeDelayed(store, () => seen.push(store.getSnapshot().n));
    store.bump();
    store.bump();
    store.bump();
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(15);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([3]);
    store.bump();
    vi.advanceTimersByTime(16);
    expect(seen).toEqual([3, 4]);
  });

  it('tells plain subscribers at once and delay-free stores at once', () => {
    const delayed = new Counter(16);
    const direct: number[] = [];
    delayed.subscribe(() => direct.push(delayed.getSnapshot().n));
    delayed.bump();
    expect(direct).toEqual([1]);

    const immediate = new Counter(0);
    const seen: number[] = [];
    subscribeDelayed(immediate, () => seen.push(immediate.getSnapshot().n));
    immediate.bump();
    expect(seen).toEqual([1]);
  });

  it('tells at once while the page is hidden', () => {
    vi.stubGlobal('document', { visibilityState: 'hidden' });
    try {
      const store = new Counter(16);
      const seen: number[] = [];
      subscribeDelayed(store, () => seen.push(store.getSnapshot().n));
      store.bump();
      store.bump();
      expect(seen).toEqual([1, 2]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('cancels a pending call on unsubscribe', () => {
    const store = new Counter(16);
    const onChange = vi.fn();
    const unsubscribe = subscribeDelayed(store, onChange);
    store.bump();
    unsubscribe();
    vi.advanceTimersByTime(100);
    expect(onChange).not.toHaveBeenCalled();
  });
});
