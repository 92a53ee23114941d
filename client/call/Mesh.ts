// The full mesh: one RemotePeer per other participant, created and closed as people come and go.
import type { PeerId } from '../../shared/ids';
import type { PreparedConnection, PreparedRole } from './prepare';
import { RemotePeer } from './RemotePeer';
import type { OutgoingMedia, SignalBody } from './RemotePeer';

/** What the mesh needs from the lounge session. */
export interface MeshOptions {
  selfId: PeerId;
  iceServers: RTCIceServer[];
  outgoing: OutgoingMedia;
  sendSignal(to: PeerId, body: SignalBody): void;
  onChange(): void;
  /** Hands out a connection prepared for the offering (newcomer) or answering side, if any. */
  takePrepared?: (role: PreparedRole) => PreparedConnection | null;
}

/** Owns every peer connection of this page. */
export class Mesh {
  private readonly peers = new Map<PeerId, RemotePeer>();
  private iceServers: RTCIceServer[];
  private outgoing: OutgoingMedia;
  private closed = false;

  constructor(private readonly options: MeshOptions) {
    this.iceServers = options.iceServers;
    this.outgoing = options.outgoing;
  }

  /** This page's own peer id. */
  get selfId(): PeerId {
    return this.options.selfId;
  }

  /** The ICE servers new connections get. */
  get servers(): RTCIceServer[] {
    return this.iceServers;
  }

  /** The connection to `peerId`, if there is one. */
  get(peerId: PeerId): RemotePeer | undefined {
    return this.peers.get(peerId);
  }

  /**
   * Returns the connection to `peerId`, creating it when missing. `initiator` is true when this
   * page is the newcomer towards that peer (it found the peer in the room) and sends the first offer.
   */
  ensure(peerId: PeerId, initiator = false): RemotePeer | null {
    if (this.closed || peerId === this.options.selfId) return null;
    let peer = this.peers.get(peerId);
    if (!peer) {
      peer = new RemotePeer({
        selfId: this.options.selfId,
        peerId,
        iceServers: this.iceServers,
        outgoing: this.outgoing,
        initiator,
        send: (body) => this.options.sendSignal(peerId, body),
        onChange: () => this.options.onChange(),
        prepared: this.options.takePrepared?.(initiator ? 'offer' : 'answer') ?? null,
      });
      this.peers.set(peerId, peer);
      this.options.onChange();
    }
    return peer;
  }

  /** Closes and forgets the connection to a peer who left. */
  remove(peerId: PeerId): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    peer.close();
    this.peers.delete(peerId);
    this.options.onChange();
  }

  /** Routes a signal to its peer connection, creating it (as the answering side) for a peer not announced yet. */
  async handleSignal(from: PeerId, body: SignalBody): Promise<void> {
    await this.ensure(from)?.handleSignal(body);
  }

  /** Sends new local tracks on every connection. */
  setOutgoing(outgoing: OutgoingMedia): void {
    this.outgoing = outgoing;
    for (const peer of this.peers.values()) peer.setOutgoing(outgoing);
  }

  /** After a signaling resume: fresh ICE servers and an ICE restart on every connection. */
  restartAll(iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
    for (const peer of this.peers.values()) {
      peer.setIceServers(iceServers);
      peer.restartIce();
    }
  }

  /** A peer is reachable again: re-send an offer it may have missed while away. */
  peerReturned(peerId: PeerId): void {
    this.peers.get(peerId)?.resendPendingOffer();
  }

  /** Closes every connection. */
  close(): void {
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.options.onChange();
  }
}
