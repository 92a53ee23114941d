// The full mesh: one RemotePeer per other participant, created and closed as people come and go.
import type { PeerId } from '../../shared/ids';
import { RemotePeer } from './RemotePeer';
import type { OutgoingMedia, SignalBody } from './RemotePeer';

/** What the mesh needs from the lounge session. */
export interface MeshOptions {
  selfId: PeerId;
  iceServers: RTCIceServer[];
  outgoing: OutgoingMedia;
  sendSignal(to: PeerId, body: SignalBody): void;
  onChange(): void;
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

  /** The connection to `peerId`, if there is one. */
  get(peerId: PeerId): RemotePeer | undefined {
    return this.peers.get(peerId);
  }

  /** Returns the connection to `peerId`, creating it when missing. */
  ensure(peerId: PeerId): RemotePeer | null {
    if (this.closed || peerId === this.options.selfId) return null;
    let peer = this.peers.get(peerId);
    if (!peer) {
      peer = new RemotePeer({
        selfId: this.options.selfId,
        peerId,
        iceServers: this.iceServers,
        outgoing: this.outgoing,
        send: (body) => this.options.sendSignal(peerId, body),
        onChange: () => this.options.onChange(),
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

  /** Routes a signal to its peer connection, creating it for a peer not announced yet. */
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
