// One RTCPeerConnection to one remote participant, negotiated with the perfect-negotiation pattern.
// The newcomer (who found the other already in the room) creates the camera and microphone
// transceivers and sends the first offer at once; the other side adopts the ones that offer
// brings, so an initial join never collides and needs a single offer/answer. Politeness settles
// collisions of later renegotiations (screen shares, ICE restarts).
import type { PeerId } from '../../shared/ids';
import { isPolite } from './polite';
import type { ScreenShare } from './LocalMedia';
import { createPeerConnection } from './prepare';
import type { PreparedConnection } from './prepare';

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
  /** True for the newcomer, who opens the first negotiation; the other side waits for its offer. */
  initiator: boolean;
  send(body: SignalBody): void;
  onChange(): void;
  /** A connection prepared ahead of time for this side (see prepare.ts), used instead of a new one. */
  prepared?: PreparedConnection | null;
}

/** How long a connection may stay `disconnected` before an ICE restart is tried. */
const DISCONNECTED_GRACE_MS = 4_000;

/** One peer connection plus what the UI shows of it. */
export class RemotePeer {
  readonly pc: RTCPeerConnection;
  readonly polite: boolean;
  readonly initiator: boolean;
  /** Remote camera and microphone, rebuilt as a new stream whenever its tracks change. */
  cameraStream: MediaStream | null = null;
  /** Remote screen share, when one arrives. */
  screenStream: MediaStream | null = null;
  /** Whether the connection has been `connected` at least once (media can only flow since). */
  connectedOnce = false;
  private audio: RTCRtpTransceiver | null = null;
  private video: RTCRtpTransceiver | null = null;
  private screen: RTCRtpTransceiver | null = null;
  private outgoing: OutgoingMedia;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private closed = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null;
  /** Tracks that arrived on the waiting side before its transceivers were adopted. */
  private earlyTracks: RTCTrackEvent[] = [];

  constructor(private readonly options: RemotePeerOptions) {
    this.polite = isPolite(options.selfId, options.peerId);
    this.initiator = options.initiator;
    this.outgoing = options.outgoing;
    const role = this.initiator ? 'offer' : 'answer';
    const prepared = options.prepared?.role === role ? options.prepared : null;
    this.pc = prepared?.pc ?? createPeerConnection(options.iceServers);
    // A guest's prepared connection has no servers yet. setConfiguration blocks on WebRTC's
    // signaling thread (4-75 ms measured on admission), so it is only called when they changed.
    if (prepared && prepared.iceServers !== options.iceServers && options.iceServers.length > 0) {
      this.setIceServers(options.iceServers);
    }
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
    if (this.initiator) {
      if (prepared?.audio && prepared.video) {
        this.audio = prepared.audio;
        this.video = prepared.video;
        this.sendTrack(this.audio, this.outgoing.audio);
        this.sendTrack(this.video, this.outgoing.video);
      } else {
        this.audio = this.pc.addTransceiver(this.outgoing.audio ?? 'audio', {
          direction: 'sendrecv',
        });
        this.video = this.pc.addTransceiver(this.outgoing.video ?? 'video', {
          direction: 'sendrecv',
        });
      }
      this.rebuildCameraStream();
      if (this.outgoing.screen) this.addScreen(this.outgoing.screen);
      // Offer at once rather than on `negotiationneeded`: that event comes as a later task, after
      // the page has re-rendered for the new participant, and the offer is the critical path.
      void this.negotiate();
    } else if (!prepared) {
      // The offer's first audio and video sections take up transceivers made by addTrack (JSEP
      // reuses them), so the answer already sends without further calls on the answer's path.
      for (const track of [this.outgoing.audio, this.outgoing.video]) {
        if (track) this.pc.addTrack(track);
      }
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
    if (this.audio && previous.audio !== outgoing.audio) this.sendTrack(this.audio, outgoing.audio);
    if (this.video && previous.video !== outgoing.video) this.sendTrack(this.video, outgoing.video);
    if (previous.screen?.track !== outgoing.screen?.track) {
      this.removeScreen();
      // The side that waits for the first offer adds nothing before it (see handleSignal).
      if (outgoing.screen && (this.initiator || this.audio)) this.addScreen(outgoing.screen);
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
    // Only the newcomer opens the first negotiation (see the file comment).
    if (this.closed || (!this.initiator && !this.audio)) return;
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

  /** Puts a track on a sender unless it is there already. */
  private sendTrack(transceiver: RTCRtpTransceiver, track: MediaStreamTrack | null): void {
    if (transceiver.sender.track === track) return;
    void transceiver.sender.replaceTrack(track).catch(() => undefined);
  }

  /** Makes an adopted transceiver send `track` (each change is a blocking call into WebRTC). */
  private sendOn(transceiver: RTCRtpTransceiver, track: MediaStreamTrack | null): void {
    if (transceiver.direction !== 'sendrecv') transceiver.direction = 'sendrecv';
    this.sendTrack(transceiver, track);
  }

  /** On the waiting side, takes the first audio and video transceivers of the offer as camera and mic. */
  private adoptTransceivers(): void {
    let changed = false;
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver === this.screen || transceiver.mid === null) continue;
      const kind = transceiver.receiver.track.kind;
      if (kind === 'audio' && !this.audio) {
        this.audio = transceiver;
        this.sendOn(transceiver, this.outgoing.audio);
        changed = true;
      } else if (kind === 'video' && !this.video) {
        this.video = transceiver;
        this.sendOn(transceiver, this.outgoing.video);
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
    // On the waiting side the first offer's tracks arrive before its transceivers are adopted.
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
    if (state === 'connected') this.connectedOnce = true;
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
