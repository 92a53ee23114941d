// Hooks of the lounge page: loading the room, owning the session, the mic level and a ticking clock.
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/http';
import { fetchPublicRoom } from '../../api/lounge';
import type { PublicRoom } from '../../api/lounge';
import { LocalMedia } from '../../call/LocalMedia';
import { LoungeSession } from '../../call/LoungeSession';
import { watchMicLevel } from '../../call/micLevel';

/** The room behind the link, while loading and after. */
export type RoomLoad =
  | { status: 'loading' }
  | { status: 'notFound' }
  | { status: 'error' }
  | { status: 'ready'; room: PublicRoom };

/** Loads the public view of the room at `/r/<handle>`. */
export function usePublicRoom(handle: string, link: string | null): RoomLoad {
  const [loaded, setLoaded] = useState<{ handle: string; load: RoomLoad } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchPublicRoom(handle, link, abort.signal).then(
      (room) => setLoaded({ handle, load: { status: 'ready', room } }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const notFound =
          error instanceof ApiError && (error.status === 404 || error.status === 400);
        setLoaded({ handle, load: { status: notFound ? 'notFound' : 'error' } });
      },
    );
    return () => abort.abort();
  }, [handle, link]);
  return loaded?.handle === handle ? loaded.load : { status: 'loading' };
}

/**
 * The page's local media and lounge session: created with the component, attached while it is
 * mounted (the camera opens for the pre-join page) and released on unmount.
 */
export function useLoungeSession(
  handle: string,
  link: string | null,
): { media: LocalMedia; session: LoungeSession } {
  const [pair] = useState(() => {
    const media = new LocalMedia();
    return { media, session: new LoungeSession({ handle, media, link }) };
  });
  useEffect(() => pair.session.attach(), [pair]);
  return pair;
}

/** The microphone level 0–100 of `track`, updated about ten times a second. */
export function useMicLevel(track: MediaStreamTrack | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => (track ? watchMicLevel(track, setLevel) : undefined), [track]);
  return track ? level : 0;
}

/** The current time, refreshed every `intervalMs` (for wait times). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
