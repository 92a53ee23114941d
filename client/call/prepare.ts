// Peer connections made ahead of the call. The first RTCPeerConnection of a page, its first
// transceivers and its first offer are slow (Chromium starts its WebRTC threads and asks for
// the codecs it can use then): 10-50 ms each on a 2-core machine, right on the join path. A page
// that expects a call does that work while the person waits instead.
import type { OutgoingMedia } from './RemotePeer';

/** Options every peer connection of the mesh is created with. */
const BUNDLE_POLICY: RTCBundlePolicy = 'max-bundle';

/** A new peer connection with the mesh's settings. */
export function createPeerConnection(iceServers: RTCIceServer[]): RTCPeerConnection {
  // One pre-gathered set of candidates: gathering starts when the connection is created rather
  // than when its description is set, so the candidates are at hand with the offer or answer.
  return new RTCPeerConnection({
    iceServers,
    bundlePolicy: BUNDLE_POLICY,
    iceCandidatePoolSize: 1,
  });
}

/** Which side of the first negotiation a prepared connection is made for. */
export type PreparedRole = 'offer' | 'answer';

/** A connection made ahead of time, with the local camera and microphone already on it. */
export interface PreparedConnection {
  pc: RTCPeerConnection;
  role: PreparedRole;
  /** The servers it was created with. */
  iceServers: RTCIceServer[];
  /** Camera and microphone transceivers (offering side; the answering side's come with the offer). */
  audio: RTCRtpTransceiver | null;
  video: RTCRtpTransceiver | null;
}

function supported(): boolean {
  return typeof RTCPeerConnection === 'function';
}

/**
 * Prepares a connection for the first negotiation with someone not known yet: for a guest waiting
 * in the lobby, towards the first person in the room (the newcomer offers); for a host with a
 * knock pending, towards that guest (the host answers). It has no description: it only gathers
 * its own local candidates, and nothing is sent before it is used. Null where WebRTC is missing.
 */
export function prepareConnection(
  outgoing: OutgoingMedia,
  role: PreparedRole,
  iceServers: RTCIceServer[],
): PreparedConnection | null {
  if (!supported()) return null;
  try {
    const pc = createPeerConnection(iceServers);
    if (role === 'answer') {
      // The offer's first audio and video sections take up transceivers made by addTrack.
      for (const track of [outgoing.audio, outgoing.video]) if (track) pc.addTrack(track);
      return { pc, role, iceServers, audio: null, video: null };
    }
    const audio = pc.addTransceiver(outgoing.audio ?? 'audio', { direction: 'sendrecv' });
    const video = pc.addTransceiver(outgoing.video ?? 'video', { direction: 'sendrecv' });
    // Only to have the codecs looked up now; the real offer is made when it is used.
    void pc.createOffer().catch(() => undefined);
    return { pc, role, iceServers, audio, video };
  } catch {
    return null;
  }
}

/** Holds at most one prepared connection until it is used or dropped. */
export class PreparedSlot {
  private prepared: PreparedConnection | null = null;

  /** Prepares a connection (see `prepareConnection`) unless one for `role` is held already. */
  fill(outgoing: OutgoingMedia, role: PreparedRole, iceServers: RTCIceServer[]): void {
    if (this.prepared?.role === role) return;
    this.drop();
    this.prepared = prepareConnection(outgoing, role, iceServers);
  }

  /** Hands the prepared connection out, once, if it was made for `role`. */
  take(role: PreparedRole): PreparedConnection | null {
    const prepared = this.prepared;
    if (prepared?.role !== role) return null;
    this.prepared = null;
    return prepared;
  }

  /** Closes a prepared connection that was not used. */
  drop(): void {
    this.prepared?.pc.close();
    this.prepared = null;
  }
}

let warmedUp = false;

/**
 * Once per page, runs an offer on a throwaway connection, so that even the lobby's prepared
 * connection (or a host's first one) finds WebRTC set up. Meant for idle time on the pre-join
 * page; it sends nothing.
 */
export function warmUpWebRtc(): void {
  if (warmedUp || !supported()) return;
  warmedUp = true;
  try {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.addTransceiver('video', { direction: 'recvonly' });
    void pc
      .createOffer()
      .catch(() => undefined)
      .finally(() => pc.close());
  } catch {
    // Nothing is lost: the first real connection does the same work.
  }
}
