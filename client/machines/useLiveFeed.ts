// Keeps a machine's live stream open while a page shows the machine.
import { useEffect, useRef, useState } from 'react';
import type { LiveValue } from '../api/machines';
import { LiveFeed } from './live';
import type { LiveState } from './live';

/** Handlers of the live stream; they may change on every render. */
export interface LiveHandlers {
  onValues: (values: LiveValue[]) => void;
  onResync: () => void;
}

/** Streams the live values at `url` to `handlers` while `enabled`; returns the connection state. */
export function useLiveFeed(url: string, enabled: boolean, handlers: LiveHandlers): LiveState {
  const [state, setState] = useState<LiveState>('closed');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const feed = new LiveFeed({
      url,
      onValues: (values) => latest.current.onValues(values),
      onResync: () => latest.current.onResync(),
      onState: setState,
    });
    feed.start();
    return () => feed.stop();
  }, [url, enabled]);
  return enabled ? state : 'closed';
}
