// One video in the lounge: the self view, a participant's camera or a screen share.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/** What a tile shows, as the UI contract names it. */
export type TileKind = 'self' | 'camera' | 'screen';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => (p ?? '').charAt(0).toUpperCase()).join('') || '?';
}

/** Plays `stream` in a `<video>`; attaches it again whenever the stream object changes. */
export function StreamVideo({
  stream,
  muted,
  label,
  className,
  testId,
}: {
  stream: MediaStream | null;
  muted: boolean;
  label: string;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    // Autoplay can be refused before any click; the join click normally allows it.
    if (stream) void video.play().catch(() => undefined);
    // A <video> that is gone (or switched to another stream) keeps holding its last frame until
    // it is garbage-collected. Chromium gives a camera only four capture buffers, shared by every
    // consumer of that camera, so the previews left behind by pre-join and lobby would starve the
    // call of camera frames for seconds (measured: the first frame came ~2.5 s late in 1 of 4
    // joins). Letting go of the stream returns the buffer at once.
    return () => {
      video.srcObject = null;
    };
  }, [stream]);
  return (
    <video
      ref={ref}
      className={className}
      data-testid={testId}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
    />
  );
}

/** A `<figure>` with a video, the person's name and optional status. */
export function VideoTile({
  kind,
  name,
  caption,
  stream,
  stage,
  muted,
  videoOff,
  mirrored,
  children,
}: {
  kind: TileKind;
  name: string;
  caption: string;
  stream: MediaStream | null;
  stage: boolean;
  muted: boolean;
  videoOff: boolean;
  mirrored?: boolean;
  children?: ReactNode;
}) {
  const classes = ['tile', stage ? 'tile-stage' : '', mirrored ? 'tile-mirrored' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <figure
      className={classes}
      data-testid="tile"
      data-peer-name={name}
      data-kind={kind}
      data-stage={stage ? 'true' : 'false'}
    >
      <StreamVideo stream={stream} muted={muted} label={caption} />
      {videoOff && (
        <div className="tile-avatar" aria-hidden="true">
          <span>{initials(name)}</span>
        </div>
      )}
      <figcaption className="tile-caption">
        <span className="tile-name">{caption}</span>
        {children}
      </figcaption>
    </figure>
  );
}
