// One RTCPeerConnection to one remote participant, negotiated with the perfect-negotiation pattern.
// The impolite side creates the camera and microphone transceivers; the polite side adopts the ones
// the first offer brings, so an initial join never collides and needs a single offer/answer.
import type { PeerId } from '../../shared/ids';
import { isPolite } from './polite';
import type { ScreenShare } from './LocalMedia';

/** A signal body as carried in `signal` frames. */
export interface SignalBody {
  description?: { type: RTCSdpType; sdp?: string | undefined } | undefined;
  candidate?:
    | {
        candidate: string;
        sdpMid?: string | null | undefined;
        sdpMLineIndex?: number | null | undefined;
        usernameFragment?: string | null | undefined;
      }
    | undefined;
}

/** The local media a peer connection sends. */
export interface OutgoingMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  screen: ScreenShare | null;
}

/** What a RemotePeer needs from its owner. */
export interface RemotePeerOptions {
  selfId: PeerId;
  peerId: PeerId;
  iceServers: RTCIceServer[];
  outgoing: OutgoingMedia;
  send(body: SignalBody): void;
  onChange(): void;
}

/** How long a connection may stay `disconnected` before an ICE restart is tried. */
const DISCONNECTED_GRACE_MS = 4_000;

/** One peer connection plus what the UI shows of it. */
export class RemotePeer {
  readonly pc: RTCPeerConnection;
  readonly polite: boolean;
  /** Remote camera and microphone, rebuilt as a new stream whenever its tracks change. */
  cameraStream: MediaStream | null = null;
  /** Remote screen share, when one arrives. */
  screenStream: MediaStream | null = null;
  private audio: RTCRtpTransceiver | null = null;
  private video: RTCRtpTransceiver | null = null;
  private screen: RTCRtpTransceiver | null = null;
  private outgoing: OutgoingMedia;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private closed = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null;
  /** Tracks that arrived on the polite side before its transceivers were adopted. */
  private earlyTracks: RTCTrackEvent[] = [];

  constructor(private readonly options: RemotePeerOptions) {
    this.polite = isPolite(options.selfId, options.peerId);
    this.outgoing = options.outgoing;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers, bundlePolicy: 'max-bundle' });
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      // End-of-candidates is not sent (see the protocol); an empty candidate string means the same.
      if (!candidate || !candidate.candidate) return;
      options.send({
        candidate: {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
          usernameFragment: candidate.usernameFragment,
        },
      });
    };
    this.pc.ontrack = (event) => this.handleTrack(event);
    this.pc.onconnectionstatechange = () => this.handleConnectionState();
    if (!this.polite) {
      this.audio = this.pc.addTransceiver(this.outgoing.audio ?? 'audio', {
        direction: 'sendrecv',
      });
      this.video = this.pc.addTransceiver(this.outgoing.video ?? 'video', {
        direction: 'sendrecv',
      });
      this.rebuildCameraStream();
      if (this.outgoing.screen) this.addScreen(this.outgoing.screen);
    }
  }

  /** The remote participant's id. */
  get peerId(): PeerId {
    return this.options.peerId;
  }

  /** The RTCPeerConnection's connection state. */
  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** Handles one signal from this peer: offers, answers (with collision handling) and candidates. */
  async handleSignal(body: SignalBody): Promise<void> {
    if (this.closed) return;
    const { description, candidate } = body;
    try {
      if (description) {
        if (description.type === 'rollback') return;
        const readyForOffer =
          !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
        const collision = description.type === 'offer' && !readyForOffer;
        this.ignoreOffer = !this.polite && collision;
        if (this.ignoreOffer) return;
        this.settingRemoteAnswer = description.type === 'answer';
        await this.pc.setRemoteDescription(description);
        this.settingRemoteAnswer = false;
        if (description.type === 'offer') {
          this.adoptTransceivers();
          await this.pc.setLocalDescription();
          this.sendLocalDescription();
          // A share that started before the first offer is added once that offer is answered.
          if (this.outgoing.screen && !this.screen) this.addScreen(this.outgoing.screen);
        }
      } else if (candidate) {
        try {
          await this.pc.addIceCandidate(candidate);
        } catch (error) {
          if (!this.ignoreOffer) throw error;
        }
      }
    } catch {
      // A failed step leaves the connection to the ICE restart that follows a failure.
      this.settingRemoteAnswer = false;
    }
  }

  /** Sends new tracks: replaces camera and microphone, adds or removes the screen share. */
  setOutgoing(outgoing: OutgoingMedia): void {
    const previous = this.outgoing;
    this.outgoing = outgoing;
    if (this.closed) return;
    if (this.audio && previous.audio !== outgoing.audio) {
      void this.audio.sender.replaceTrack(outgoing.audio).catch(() => undefined);
    }
    if (this.video && previous.video !== outgoing.video) {
      void this.video.sender.replaceTrack(outgoing.video).catch(() => undefined);
    }
    if (previous.screen?.track !== outgoing.screen?.track) {
      this.removeScreen();
      // The polite side waits for its first offer before adding anything (see handleSignal).
      if (outgoing.screen && (!this.polite || this.audio)) this.addScreen(outgoing.screen);
    }
  }

  /** Restarts ICE (after a signaling resume or a failure); re-sends an offer the peer may have missed. */
  restartIce(): void {
    if (this.closed) return;
    if (this.pc.signalingState === 'have-local-offer') this.sendLocalDescription();
    this.pc.restartIce();
  }

  /** Re-sends a pending offer (the peer was away and may never have received it). */
  resendPendingOffer(): void {
    if (!this.closed && this.pc.signalingState === 'have-local-offer') this.sendLocalDescription();
  }

  /** Uses new ICE servers (fresh TURN credentials) for the next gathering. */
  setIceServers(iceServers: RTCIceServer[]): void {
    if (this.closed) return;
    try {
      this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
    } catch {
      // Keep the old servers; the connection itself is unaffected.
    }
  }

  /** Closes the connection for good. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.disconnectedTimer !== null) clearTimeout(this.disconnectedTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private async negotiate(): Promise<void> {
    // The polite side lets the impolite side open the first negotiation (see the file comment).
    if (this.closed || (this.polite && !this.audio)) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch {
      // A collision or a closed connection; perfect negotiation recovers from the other side.
    } finally {
      this.makingOffer = false;
    }
  }

  private sendLocalDescription(): void {
    const local = this.pc.localDescription;
    if (local) this.options.send({ description: { type: local.type, sdp: local.sdp } });
  }

  /** On the polite side, takes the first audio and video transceivers of the offer as camera and mic. */
  private adoptTransceivers(): void {
    let changed = false;
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver === this.screen || transceiver.mid === null) continue;
      const kind = transceiver.receiver.track.kind;
      if (kind === 'audio' && !this.audio) {
        this.audio = transceiver;
        transceiver.direction = 'sendrecv';
        void transceiver.sender.replaceTrack(this.outgoing.audio).catch(() => undefined);
        changed = true;
      } else if (kind === 'video' && !this.video) {
        this.video = transceiver;
        transceiver.direction = 'sendrecv';
        void transceiver.sender.replaceTrack(this.outgoing.video).catch(() => undefined);
        changed = true;
      }
    }
    if (changed) this.rebuildCameraStream();
    const early = this.earlyTracks;
    this.earlyTracks = [];
    for (const event of early) this.handleTrack(event);
  }

  private handleTrack(event: RTCTrackEvent): void {
    const { transceiver, track } = event;
    // On the polite side the first offer's tracks arrive before its transceivers are adopted.
    if (!this.audio || !this.video) {
      this.earlyTracks.push(event);
      return;
    }
    if (transceiver === this.audio || transceiver === this.video || track.kind !== 'video') return;
    const stream = event.streams[0] ?? new MediaStream([track]);
    this.screenStream = stream;
    const forget = () => {
      if (this.screenStream === stream) {
        this.screenStream = null;
        this.options.onChange();
      }
    };
    track.addEventListener('ended', forget);
    this.options.onChange();
  }

  private rebuildCameraStream(): void {
    const tracks = [this.audio, this.video]
      .map((t) => t?.receiver.track)
      .filter((t): t is MediaStreamTrack => t !== undefined);
    this.cameraStream = new MediaStream(tracks);
    this.options.onChange();
  }

  private addScreen(screen: ScreenShare): void {
    this.screen = this.pc.addTransceiver(screen.track, {
      direction: 'sendonly',
      streams: [screen.stream],
    });
  }

  private removeScreen(): void {
    const transceiver = this.screen;
    if (!transceiver) return;
    this.screen = null;
    try {
      transceiver.stop();
    } catch {
      this.pc.removeTrack(transceiver.sender);
    }
  }

  private handleConnectionState(): void {
    const state = this.pc.connectionState;
    if (this.disconnectedTimer !== null) {
      clearTimeout(this.disconnectedTimer);
      this.disconnectedTimer = null;
    }
    if (state === 'failed') this.pc.restartIce();
    if (state === 'disconnected') {
      this.disconnectedTimer = setTimeout(() => {
        this.disconnectedTimer = null;
        if (this.pc.connectionState === 'disconnected') this.pc.restartIce();
      }, DISCONNECTED_GRACE_MS);
    }
    this.options.onChange();
  }
}
